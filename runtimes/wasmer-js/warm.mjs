// The guest module of wasmer-js's warm host (src/warm-host): each worker keeps one sdk client,
// initialised from the sdk wasm the host compiled once (prepare.mjs), and runs every guest it is
// given in a fresh sandbox of it.
import { Wasmer } from '@wasmer/sdk';
import { runGuest } from './guest.mjs';

let wasmer;

export default function run(spec, io, prepared) {
  wasmer ??= new Wasmer({ cache: false, wasm: prepared.wasm });
  return runGuest(wasmer, spec, io);
}
