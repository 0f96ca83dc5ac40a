// The guest module of jco's warm host (src/warm-host): every guest gets a worker of its own (the
// shim's state is per module instance), started ahead with preview2-shim, the copy jco resolves,
// already loaded. The guest's cached transpile is then imported and run as runner.mjs runs it in a
// process of its own: the shim configured with exactly the case's args, environment and preopens,
// and the network denied unless the case is granted it.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { workerData } from 'node:worker_threads';

// Resolved from the shim's own folder, as the transpiled output (linked to the same folder) resolves it.
const shim = createRequire(join(workerData.prepared.shim, 'package.json'));
const load = (name) => import(pathToFileURL(shim.resolve(`@bytecodealliance/preview2-shim/${name}`)).href);
const [cli, filesystem, sockets] = await Promise.all([load('cli'), load('filesystem'), load('sockets')]);

/** A worker's process.stdout is an asynchronous port that a guest busy in Wasm never flushes: each write goes out at once. */
function writer(send) {
  return (chunk, encoding, done) => {
    send(typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : Buffer.from(chunk));
    (typeof encoding === 'function' ? encoding : done)?.();
    return true;
  };
}

export default async function run(spec, io) {
  process.stdout.write = writer(io.stdout);
  process.stderr.write = writer(io.stderr);
  cli._setArgs([spec.argv0, ...spec.args]);
  cli._setEnv(spec.env);
  cli._setCwd(undefined);
  filesystem._setPreopens({});
  for (const p of spec.preopens) filesystem._addPreopen(p.guest, p.host);
  // A p3 component's filesystem is preview3-shim's, resolved as its transpiled output resolves it.
  if (spec.p3) {
    const fs3 = await import(pathToFileURL(createRequire(join(spec.dir, 'package.json')).resolve('@bytecodealliance/preview3-shim/filesystem')).href);
    fs3._setPreopens({});
    for (const p of spec.preopens) fs3._addPreopen(p.guest, p.host);
  }
  if (!spec.network) {
    sockets._denyTcp();
    sockets._denyUdp();
    sockets._denyDnsLookup();
  }
  process.argv[1] = spec.name;
  let component;
  try {
    component = await import(pathToFileURL(join(spec.dir, spec.module)).href);
  } catch (e) {
    // What Node prints of the runner's failed import (a core module V8 cannot compile, say), with its stack.
    console.error(e);
    return 1;
  }
  if (!component.run?.run) {
    console.error('Not a valid command component to execute.');
    return 1;
  }
  try {
    await component.run.run();
    return 0;
  } catch (e) {
    console.error(e);
    return 1;
  }
}
