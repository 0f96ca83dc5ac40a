// Exits with the status given as its first argument.
import { Checks } from "./check";

const c = new Checks();
const a = process.argv;
c.check(a.length == 2, "exit-arg", "argc=" + a.length.toString());
process.exit(a.length == 2 ? I32.parseInt(a[1]) : 99);
