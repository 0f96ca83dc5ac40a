// One guest in a warm host's worker: runs the guest module (whose top level runs the guest to its
// end and sets process.exitCode), then ends the worker, which a read the guest module left pending
// on stdin would otherwise keep alive.
// Worker argv: <guest spec> <guest module>; the module sees only the spec, as in a process of its own.
const guest = process.argv.splice(3, 1)[0];
await import(guest);
setImmediate(() => process.exit(process.exitCode ?? 0));
