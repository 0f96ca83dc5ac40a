// Sub-check reporting for Java guests: one `ok <check>` / `not ok <check> # detail` line each on stdout.
final class Check {
  private int failures;

  void check(boolean cond, String name, String detail) {
    if (cond) {
      System.out.println("ok " + name);
    } else {
      failures++;
      System.out.println("not ok " + name + " # " + detail);
    }
    System.out.flush();
  }

  /** Ends the guest with status 1 when any check failed; TeaVM's WASI class library has no System.exit. */
  void exitOnFailure() {
    if (failures > 0) throw new IllegalStateException(failures + " check(s) failed");
  }
}
