// A warm host: one long-lived Node process per runtime version, so that a cell pays neither a Node
// start nor the runtime's own initialisation. Each connection on the UNIX socket is one guest: a
// header line (the guest's spec), then the guest's stdin; back come frames [type, length, bytes]
// of stdout (1), stderr (2) and the exit status (3), and empty ones (0) that probe a client. Guests run in worker threads, one guest per
// worker at a time; a worker is reused (up to a limit) only after a guest that ended by itself and
// left the runtime whole (a guest module may retire its worker, or ask once for a fresh one to start
// the guest on: { restart }).
// A closed connection before the end (the driver's deadline, output cap or a `kill` step; see
// src/warm-client.ts) terminates that guest's worker, and only that one; a worker that dies is not
// reused, and the code it exited with (a guest's own process.exit) is the guest's status.
// The host exits when the process that started it is gone, or when it has been idle for a while.
// Its standard input is /dev/null (a guest that reads fd 0 itself sees end of file); the starter
// holds a pipe on fd 3 instead.
// Usage: node server.mjs <socket> <runner pid> <idle ms> <config json: { guest, perWorker, spare?, prepare?, data? }>
import { createReadStream, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { inspect } from 'node:util';
import { Worker } from 'node:worker_threads';

const [socketPath, runnerPid, idleMs, config] = process.argv.slice(2);
const { guest, perWorker, spare, prepare, data } = JSON.parse(config);
/** A worker that does not stop this long after terminate() is stuck in a system call. */
const STUCK_MS = 5_000;
/** How often a guest's client is asked whether it is still there, once its stdin has ended. */
const PROBE_MS = 500;
const prepared = prepare ? await (await import(prepare)).default() : data;
const idle = [];
let busy = 0;
let idleTimer;
/**
 * Ends this process, by SIGKILL: process.exit() waits for every worker thread to stop, and one blocked
 * in a system call (a guest's synchronous read, the shim's own I/O worker) never does; measured, 240
 * hosts of one full run hung that way. Nothing is left to flush: no guest is running when we leave.
 */
function leave() {
  process.kill(process.pid, 'SIGKILL');
}

function shutdown() {
  server.close();
  rmSync(dirname(socketPath), { recursive: true, force: true });
  leave();
}

function rest() {
  clearTimeout(idleTimer);
  if (busy === 0) idleTimer = setTimeout(shutdown, Number(idleMs));
}

function frame(type, bytes) {
  const head = Buffer.alloc(5);
  head.writeUInt8(type, 0);
  head.writeUInt32BE(bytes.length, 1);
  return Buffer.concat([head, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]);
}

function newWorker() {
  const w = new Worker(join(import.meta.dirname, 'worker.mjs'), { workerData: { guest, prepared }, env: {} });
  w.guests = 0;
  w.on('message', (m) => w.current?.message(m));
  // An uncaught error ends the worker with code 1; it is reported as Node reports one at top level.
  w.on('error', (e) => w.current?.stderr(`${inspect(e)}\n\nNode.js ${process.version}\n`));
  w.on('exit', (code) => {
    w.dead = true;
    w.current?.done(code);
    if (idle.includes(w)) idle.splice(idle.indexOf(w), 1);
  });
  return w;
}

/** `spare` fresh workers (their guest module loaded) always wait for the next guests: one per cell the run may start at once. */
function keepSpare() {
  while (idle.length < (spare ?? 0)) idle.push(newWorker());
}

/** One guest, start to end, on one connection. */
function serve(socket, spec) {
  busy++;
  let finished = false;
  let probe;
  let w;
  // The guest's stdin as it came, to hand it again to a fresh worker if the first could not start the guest.
  const stdin = [];
  let stdinEnded = false;
  let retried = false;
  const dispatch = (fresh = false) => {
    // The longest-waiting worker is the likeliest to have finished loading; its replacement starts loading now, while this guest runs.
    // A restart takes a new worker: an idle one may have run a guest that broke its runtime after it ended.
    w = (fresh ? null : idle.shift()) ?? newWorker();
    keepSpare();
    w.guests++;
    const mine = w;
    w.current = {
      message(m) {
        if (m.out) socket.write(frame(1, m.out));
        else if (m.err) socket.write(frame(2, m.err));
        else if (m.restart && !retried) {
          // The runtime in this worker broke before the guest started (the guest module says so):
          // the worker goes, and the guest starts again once, on a fresh one.
          retried = true;
          mine.current = null;
          mine.terminate();
          dispatch(true);
        } else if (m.restart) {
          mine.retired = true;
          this.stderr(m.why ?? 'the runtime could not start the guest on a fresh worker either\n');
          this.done(1);
        } else if ('exit' in m) {
          if (m.retire) mine.retired = true;
          this.done(m.exit);
        }
      },
      stderr(text) {
        socket.write(frame(2, Buffer.from(text)));
      },
      done(code) {
        if (finished) return;
        finished = true;
        clearInterval(probe);
        mine.current = null;
        busy--;
        // A worker whose runtime the guest module says is broken is not handed another guest.
        if (!mine.dead && !mine.retired && mine.guests < Number(perWorker)) idle.push(mine);
        else if (!mine.dead) mine.terminate();
        socket.end(frame(3, Buffer.from(String(code))));
        rest();
      },
    };
    w.postMessage({ start: spec });
    for (const chunk of stdin) w.postMessage({ stdin: chunk });
    if (stdinEnded) w.postMessage({ stdinEnd: true });
  };
  dispatch();
  socket.on('data', (chunk) => {
    stdin.push(chunk);
    w.postMessage({ stdin: chunk });
  });
  // The client's FIN says its stdin ended; its hanging up later (a deadline) sends nothing more on this
  // half-open connection, and only a write fails on a closed peer: an empty frame of type 0, which the
  // client ignores, every PROBE_MS. A guest whose client is gone must not run on for the rest of the run.
  socket.on('end', () => {
    stdinEnded = true;
    w.postMessage({ stdinEnd: true });
    probe = setInterval(() => finished || socket.write(frame(0, new Uint8Array(0))), PROBE_MS);
  });
  socket.on('error', () => {});
  socket.on('close', () => {
    clearInterval(probe);
    if (finished) return;
    finished = true;
    const stuck = w;
    stuck.current = null;
    busy--;
    stuck.terminate();
    rest();
    // A thread blocked in a system call cannot be stopped: this host stops taking guests and
    // goes once the others are done; the next cell starts a fresh one.
    setTimeout(() => {
      if (stuck.dead) return;
      server.close();
      rmSync(dirname(socketPath), { recursive: true, force: true });
      const check = () => busy === 0 && leave();
      check();
      setInterval(check, 100);
    }, STUCK_MS).unref();
  });
}

const server = createServer({ allowHalfOpen: true }, (socket) => {
  clearTimeout(idleTimer);
  let head = Buffer.alloc(0);
  const onData = (chunk) => {
    head = Buffer.concat([head, chunk]);
    const nl = head.indexOf(10);
    if (nl < 0) return;
    socket.off('data', onData);
    const more = head.subarray(nl + 1);
    serve(socket, head.subarray(0, nl).toString('utf8'));
    if (more.length) socket.emit('data', more);
  };
  socket.on('data', onData);
});

// Never outlive the run: the starter holds fd 3; its end (or its pid gone) ends us.
createReadStream(null, { fd: 3 }).on('close', shutdown).on('end', shutdown).on('error', shutdown).resume();
setInterval(() => {
  try {
    process.kill(Number(runnerPid), 0);
  } catch {
    shutdown();
  }
}, 1000).unref();
process.on('uncaughtException', shutdown);

server.listen(socketPath, () => {
  keepSpare();
  rest();
  process.stdout.write('ready\n');
});
