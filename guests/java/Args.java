// Receives the arguments declared by suites/cli/args.yaml and compares them. Java's main gets
// the arguments without the program name: argc and argv[0] are asked of the host itself (Host.java).
public final class Args {
  public static void main(String[] args) {
    Check c = new Check();
    String[] a = args;
    int[] host = Host.argc();
    c.check(a.length == 3 && host[0] == 4, "argc", "main got " + a.length + " arguments, the host counts " + host[0] + ", want 3 and 4");
    // argv[0] counts in the host's argc, and its bytes (with a NUL each) in the buffer size beyond main's own.
    int mainBytes = 0;
    for (String s : a) mainBytes += s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
    c.check(host[0] == a.length + 1 && host[1] > mainBytes + 1, "argv0-present", "host argc " + host[0] + ", argv buffer " + host[1] + " bytes, main's arguments " + mainBytes);
    c.check(a.length > 0 && a[0].equals("alpha"), "argv-plain", "argv[1]=" + (a.length > 0 ? a[0] : "(none)"));
    c.check(a.length > 1 && a[1].equals("beta gamma"), "argv-space", "argv[2]=" + (a.length > 1 ? a[1] : "(none)"));
    c.check(a.length > 2 && a[2].equals("\u00fcnic\u00f8de"), "argv-utf8", "argv[3]=" + (a.length > 2 ? a[2] : "(none)"));
    c.exitOnFailure();
  }
}
