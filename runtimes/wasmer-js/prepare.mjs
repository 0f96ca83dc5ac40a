// Compiles the sdk's own wasm once per warm host; every worker initialises the sdk from it.
import { readFile } from 'node:fs/promises';

export default async function prepare() {
  const sdk = new URL('../pkg/wasmer_sdk_js_bg.wasm', import.meta.resolve('@wasmer/sdk'));
  return { wasm: await WebAssembly.compile(await readFile(sdk)) };
}
