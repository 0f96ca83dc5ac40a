// Copies System.in to System.out until end of file.
import java.io.IOException;

public final class Stdin {
  public static void main(String[] args) throws IOException {
    Check c = new Check();
    byte[] buf = new byte[256];
    int total = 0;
    boolean eof = false;
    while (true) {
      int n = System.in.read(buf);
      if (n < 0) {
        eof = true;
        break;
      }
      System.out.write(buf, 0, n);
      total += n;
    }
    System.out.flush();
    c.check(eof, "stdin-eof", "stopped after " + total + " bytes without EOF");
    c.check(total > 0, "stdin-read", "read 0 bytes");
    c.exitOnFailure();
  }
}
