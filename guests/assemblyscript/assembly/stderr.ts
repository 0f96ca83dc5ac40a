// Writes a marker line to stderr (a failed write would abort); the case checks it arrived there.
import { Checks } from "./check";

const c = new Checks();
process.stderr.write("wasi-matrix-stderr-marker\n");
c.check(true, "stderr-write", "");
c.finish();
