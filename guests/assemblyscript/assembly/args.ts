// Receives the arguments declared by suites/cli/args.yaml and compares them.
import { Checks } from "./check";

const c = new Checks();
const a = process.argv;
const at = (i: i32): string => (i < a.length ? a[i] : "(none)");
c.check(a.length == 4, "argc", "argc=" + a.length.toString() + ", want 4");
c.check(a.length > 0 && a[0].length > 0, "argv0-present", "argv[0] empty");
c.check(at(1) == "alpha", "argv-plain", "argv[1]=" + at(1));
c.check(at(2) == "beta gamma", "argv-space", "argv[2]=" + at(2));
c.check(at(3) == "ünicøde", "argv-utf8", "argv[3]=" + at(3));
c.finish();
