// Writes a marker line to System.err; the case checks it arrived there and not on stdout.
public final class Stderr {
  public static void main(String[] args) {
    Check c = new Check();
    System.err.println("wasi-matrix-stderr-marker");
    System.err.flush();
    c.check(!System.err.checkError(), "stderr-write", "System.err reported an error");
    c.exitOnFailure();
  }
}
