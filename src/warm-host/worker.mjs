// A warm host's worker: runs the guests the host hands it, one at a time, through the runtime's
// guest module (default export: run(spec, io, prepared) → exit code). Everything a guest says goes
// back on the one message port, so its output always arrives before its exit status.
import { parentPort, workerData } from 'node:worker_threads';

const { guest, prepared } = workerData;
const { default: run } = await import(guest);

/** The guest's stdin: chunks as the host forwards them, ended when the client's stdin ends. */
function inbox() {
  const chunks = [];
  let ended = false;
  let wake = () => {};
  return {
    push(c) {
      chunks.push(c);
      wake();
    },
    end() {
      ended = true;
      wake();
    },
    async *[Symbol.asyncIterator]() {
      for (;;) {
        if (chunks.length) yield chunks.shift();
        else if (ended) return;
        else await new Promise((r) => (wake = r));
      }
    },
  };
}

let stdin = null;
parentPort.on('message', async (m) => {
  if (m.stdin) return stdin?.push(m.stdin);
  if (m.stdinEnd) return stdin?.end();
  stdin = inbox();
  const io = {
    stdout: (bytes) => parentPort.postMessage({ out: bytes }),
    stderr: (bytes) => parentPort.postMessage({ err: bytes }),
    stdin,
  };
  // The guest module returns the exit code, or { exit, retire } (this worker's runtime is broken: hand it
  // no more guests) or { restart } (it broke before the guest started: start the guest on a fresh worker).
  const r = await run(JSON.parse(m.start), io, prepared);
  stdin.end();
  parentPort.postMessage(typeof r === 'object' ? r : { exit: r });
});
