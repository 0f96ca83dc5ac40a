// Sees exactly the environment declared by suites/cli/env.yaml, nothing from the host.
import { Checks } from "./check";

const c = new Checks();
const env = process.env;
const a = env.has("WASI_MATRIX_A") ? env.get("WASI_MATRIX_A") : "(unset)";
const u = env.has("WASI_MATRIX_UTF8") ? env.get("WASI_MATRIX_UTF8") : "(unset)";
c.check(a == "one", "env-set", "WASI_MATRIX_A=" + a);
c.check(u == "grüß", "env-utf8", "WASI_MATRIX_UTF8=" + u);
const keys = env.keys();
let extra = "";
for (let i = 0; i < keys.length; i++) {
  const declared = keys[i] == "WASI_MATRIX_A" || keys[i] == "WASI_MATRIX_UTF8";
  if (!declared && extra.length == 0) extra = keys[i];
}
c.check(extra.length == 0, "env-no-leak", keys.length.toString() + " variables, first undeclared: " + extra);
c.finish();
