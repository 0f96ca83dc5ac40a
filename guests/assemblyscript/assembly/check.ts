// Sub-check reporting for AssemblyScript guests: one `ok <check>` / `not ok <check> # detail`
// line each on stdout, through the WASI shim's process.stdout.
export class Checks {
  failures: i32 = 0;

  check(cond: bool, name: string, detail: string): void {
    if (cond) {
      process.stdout.write("ok " + name + "\n");
    } else {
      this.failures++;
      process.stdout.write("not ok " + name + " # " + detail + "\n");
    }
  }

  /** Exits 1 when any check failed, 0 otherwise. */
  finish(): void {
    process.exit(this.failures ? 1 : 0);
  }
}
