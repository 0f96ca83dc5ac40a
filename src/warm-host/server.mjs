// A warm host: one long-lived Node process per runtime version that runs each guest in a fresh
// worker thread, so a cell pays a worker start instead of a Node start plus the runtime's own
// initialisation. Each connection on the UNIX socket is one guest: a header line (the guest
// module's argv), then the guest's stdin; back come frames [type, length, bytes] of stdout (1),
// stderr (2) and the exit status (3). A closed connection (the cell's client killed by the
// driver's deadline or output cap) terminates that guest's worker, and only that one.
// The host exits when the process that started it is gone, or when it has been idle for a while.
// Usage: node server.mjs <socket> <runner pid> <guest module> [prepare module]
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { inspect } from 'node:util';
import { Worker } from 'node:worker_threads';

const [socketPath, runnerPid, guestModule, prepareModule] = process.argv.slice(2);
const wrapper = join(import.meta.dirname, 'worker.mjs');
const IDLE_MS = 20_000;
/** A worker that does not stop this long after terminate() is stuck in a system call. */
const STUCK_MS = 5_000;
const workerData = prepareModule ? await (await import(prepareModule)).default() : undefined;
const active = new Set();
let idleTimer;
let closing = false;

function shutdown() {
  closing = true;
  server.close();
  rmSync(dirname(socketPath), { recursive: true, force: true });
  process.exit(0);
}

function idle() {
  clearTimeout(idleTimer);
  if (active.size === 0) idleTimer = setTimeout(shutdown, IDLE_MS);
}

function frame(type, bytes) {
  const head = Buffer.alloc(5);
  head.writeUInt8(type, 0);
  head.writeUInt32BE(bytes.length, 1);
  return Buffer.concat([head, bytes]);
}

/** One guest, start to end, on one connection. */
function serve(socket, argv) {
  const worker = new Worker(wrapper, { argv: [argv, guestModule], workerData, env: {}, stdin: true, stdout: true, stderr: true });
  active.add(worker);
  let exited = false;
  let exitCode = 1;
  let open = 2;
  const forward = (stream, type) => {
    stream.on('data', (chunk) => {
      if (!socket.write(frame(type, chunk))) {
        stream.pause();
        socket.once('drain', () => stream.resume());
      }
    });
    stream.on('end', () => --open === 0 && finish());
  };
  const finish = () => {
    if (!exited || open > 0) return;
    socket.end(frame(3, Buffer.from(String(exitCode))));
  };
  forward(worker.stdout, 1);
  forward(worker.stderr, 2);
  // An uncaught error ends the worker with code 1; it is reported as Node reports one at top level.
  worker.on('error', (e) => socket.write(frame(2, Buffer.from(`${inspect(e)}\n\nNode.js ${process.version}\n`))));
  worker.on('exit', (code) => {
    exited = true;
    exitCode = code;
    active.delete(worker);
    idle();
    finish();
  });
  worker.stdin.on('error', () => {});
  socket.on('data', (chunk) => worker.stdin.write(chunk));
  socket.on('end', () => worker.stdin.end());
  socket.on('error', () => {});
  socket.on('close', () => {
    if (exited) return;
    worker.terminate();
    // A thread blocked in a system call cannot be stopped: this host stops taking guests and
    // goes once the others are done; the next cell starts a fresh one.
    setTimeout(() => {
      if (exited) return;
      active.delete(worker);
      server.close();
      rmSync(dirname(socketPath), { recursive: true, force: true });
      if (active.size === 0) process.exit(0);
      for (const w of active) w.once('exit', () => active.size === 0 && process.exit(0));
    }, STUCK_MS).unref();
  });
}

const server = createServer({ allowHalfOpen: true }, (socket) => {
  if (closing) return socket.destroy();
  clearTimeout(idleTimer);
  let head = Buffer.alloc(0);
  const onData = (chunk) => {
    head = Buffer.concat([head, chunk]);
    const nl = head.indexOf(10);
    if (nl < 0) return;
    socket.off('data', onData);
    const rest = head.subarray(nl + 1);
    serve(socket, head.subarray(0, nl).toString('utf8'));
    if (rest.length) socket.emit('data', rest);
  };
  socket.on('data', onData);
});

// Never outlive the run: the starter holds our stdin; its end (or its pid gone) ends us.
process.stdin.on('close', shutdown).on('end', shutdown).resume();
setInterval(() => {
  try {
    process.kill(Number(runnerPid), 0);
  } catch {
    shutdown();
  }
}, 1000).unref();
process.on('uncaughtException', shutdown);

server.listen(socketPath, () => {
  idle();
  process.stdout.write('ready\n');
});
