// Runs a component that jco transpiled once, the way `jco run` / `jco serve` run their transpiled
// output: preview2-shim (the copy jco resolves, linked beside this file) is configured first with
// exactly the case's environment and preopens (and the network denied unless granted), then the component is imported and its
// wasi:cli/run export called, or its http handler served (p2 by preview2-shim, p3 by preview3-shim).
// Usage: node _run.mjs <setup-json> [guest args...]. The guest's argv is the one `jco run` gives
// it: the path of jco's runner script in the cell's folder (setup.argv0), then its arguments.
// (It matters beyond argv[0] itself: a guest's memory layout follows its arguments' lengths.)
import process from 'node:process';

const setup = JSON.parse(process.argv.splice(2, 1)[0]);
const { _setEnv, _setCwd, _setArgs } = await import('@bytecodealliance/preview2-shim/cli');
const { _setPreopens, _addPreopen } = await import('@bytecodealliance/preview2-shim/filesystem');
_setArgs([setup.argv0, ...process.argv.slice(2)]);
_setEnv(setup.env);
_setCwd(undefined);
_setPreopens({});
for (const p of setup.preopens) _addPreopen(p.guest, p.host);
// A p3 component's filesystem is preview3-shim's, with a preopen table of its own.
if (setup.p3) {
  const fs3 = await import('@bytecodealliance/preview3-shim/filesystem');
  fs3._setPreopens({});
  for (const p of setup.preopens) fs3._addPreopen(p.guest, p.host);
}
if (!setup.network) {
  const sockets = await import('@bytecodealliance/preview2-shim/sockets');
  sockets._denyTcp();
  sockets._denyUdp();
  sockets._denyDnsLookup();
}
const http = setup.serve ? await import(setup.p3 ? '@bytecodealliance/preview3-shim/http' : '@bytecodealliance/preview2-shim/http') : null;
process.argv[1] = setup.name;
const component = await import(`./${setup.module}`);

if (http) {
  const { host, port } = setup.serve;
  // A p3 handler (wasi:http/handler@0.3.0) is served by preview3-shim's server, as jco serve serves a p2 one by preview2-shim's.
  if (setup.p3) await new http.HttpServer(component.handler).listen(port, host);
  else new http.HTTPServer(component.incomingHandler).listen(port, host);
  console.error(`Server listening @ ${host}:${port}...`);
} else {
  if (!component.run?.run) {
    console.error('Not a valid command component to execute.');
    process.exit(1);
  }
  try {
    await component.run.run();
    // Lets buffered stdout drain before exiting, as jco run does.
    await new Promise((resolve) => setTimeout(resolve));
    process.exit(0);
  } catch (e) {
    console.error(e);
    process.exit(1);
  }
}
