// Runs one preview1 module under node:wasi with exactly the args, env and preopens given.
// An uncaught trap surfaces as Node's own RuntimeError report and exit code 1, as it would for any user.
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';

const spec = JSON.parse(process.argv[2]);
const wasi = new WASI({
  version: 'preview1',
  args: ['guest.wasm', ...spec.args],
  env: spec.env,
  preopens: spec.preopens,
  returnOnExit: true,
});
const module = await WebAssembly.compile(await readFile(spec.artifact));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
