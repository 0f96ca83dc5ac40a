// Paths that leave the preopened directory (argv[1]) must not open. The fixture puts
// outside/secret.txt beside the preopened directory on the host.
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;

public final class Sandbox {
  static boolean opens(File f) {
    try (FileInputStream in = new FileInputStream(f)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public static void main(String[] args) {
    Check c = new Check();
    File root = new File(args[0]);
    c.check(opens(new File(root, "inside.txt")), "inside-opens", "could not open inside.txt");
    c.check(!opens(new File(root, "../outside/secret.txt")), "escape-dotdot", "opened ../outside/secret.txt");
    c.check(!opens(new File("/outside/secret.txt")), "escape-absolute", "opened /outside/secret.txt");
    c.check(!opens(new File("/etc/passwd")), "escape-host-root", "opened /etc/passwd");
    c.exitOnFailure();
  }
}
