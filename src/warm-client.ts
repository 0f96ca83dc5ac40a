import { connect } from 'node:net';
import { PassThrough, Writable } from 'node:stream';
import type { Child, Ended } from './proc.ts';

/**
 * The driver's side of a warm host (src/warm-host/server.mjs), for one guest: the request line, then
 * the guest's stdin; back come frames [type, 32-bit length, bytes] of stdout (1), stderr (2) and the
 * exit status (3); a frame of type 0 is the host asking whether we are still there, and says nothing.
 * Closing the connection (the deadline, the output cap, a `kill` step) makes the host terminate the
 * guest's worker, and only that. No process is started for the cell: a fork of
 * the runner costs more than the guest run it would carry.
 */
export function connectWarm(socketPath: string, request: string): Child {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const socket = connect({ path: socketPath, allowHalfOpen: true });
  let buffered: Buffer = Buffer.alloc(0);
  let status: number | null = null;
  let killedWith: string | null = null;

  socket.write(`${request}\n`);
  const stdin = new Writable({
    write(chunk, _encoding, done) {
      if (socket.writable) socket.write(chunk, () => done());
      else done();
    },
    final(done) {
      // The guest's stdin is done: our half of the connection is too.
      if (!socket.destroyed) socket.end();
      done();
    },
  });

  socket.on('data', (chunk: Buffer) => {
    buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
    while (buffered.length >= 5) {
      const length = buffered.readUInt32BE(1);
      if (buffered.length < 5 + length) break;
      const type = buffered[0];
      const bytes = buffered.subarray(5, 5 + length);
      buffered = buffered.subarray(5 + length);
      if (type === 1) stdout.write(bytes);
      else if (type === 2) stderr.write(bytes);
      else if (type === 3) status = Number(bytes.toString());
    }
  });
  // The host has said all it will.
  socket.on('end', () => socket.destroy());
  socket.on('error', (e) => {
    if (!killedWith) stderr.write(`wasi-matrix warm host unreachable: ${e.message}\n`);
  });
  const ended = new Promise<Ended>((resolve) => {
    socket.on('close', () => {
      if (status === null && !killedWith) stderr.write('wasi-matrix warm host: the guest ended without an exit status\n');
      stdout.end();
      stderr.end();
      // As a process's status reads: the low 8 bits.
      resolve(killedWith ? { signal: killedWith } : { exitCode: (((status ?? 1) % 256) + 256) % 256 });
    });
  });
  const close = (sig: string) => {
    if (socket.destroyed) return;
    killedWith = sig;
    socket.destroy();
  };
  return { stdout, stderr, stdin, ended, signal: close, stop: () => close('SIGKILL') };
}
