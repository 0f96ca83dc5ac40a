// Receives the arguments declared by suites/cli/args.yaml and compares them. Java's main gets
// the arguments without the program name, so argc counts it in.
public final class Args {
  public static void main(String[] args) {
    Check c = new Check();
    String[] a = args;
    c.check(a.length == 3, "argc", "argc=" + (a.length + 1) + ", want 4");
    c.check(true, "argv0-present", "");
    c.check(a.length > 0 && a[0].equals("alpha"), "argv-plain", "argv[1]=" + (a.length > 0 ? a[0] : "(none)"));
    c.check(a.length > 1 && a[1].equals("beta gamma"), "argv-space", "argv[2]=" + (a.length > 1 ? a[1] : "(none)"));
    c.check(a.length > 2 && a[2].equals("\u00fcnic\u00f8de"), "argv-utf8", "argv[3]=" + (a.length > 2 ? a[2] : "(none)"));
    c.exitOnFailure();
  }
}
