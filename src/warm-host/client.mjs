// The process the driver starts for a cell run by a warm host: it hands the guest's argv and stdin
// to the host, writes back the guest's stdout and stderr as they come, and exits with the guest's
// status. Killing it (the driver's deadline, output cap or a `kill` step) closes the connection,
// which stops the guest. Kept free of imports beyond node:net so that it starts as fast as Node can.
// The fallback of client.c where no C compiler is. Usage: node client.mjs <socket> <guest argv>
import { connect } from 'node:net';

const [socketPath, argv] = process.argv.slice(2);
const socket = connect({ path: socketPath, allowHalfOpen: true });
let buffered = Buffer.alloc(0);
let status = null;

socket.write(`${argv}\n`);
process.stdin.on('data', (chunk) => socket.write(chunk));
process.stdin.on('end', () => socket.end());
process.stdin.on('error', () => {});

socket.on('data', (chunk) => {
  buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
  while (buffered.length >= 5) {
    const length = buffered.readUInt32BE(1);
    if (buffered.length < 5 + length) break;
    const type = buffered[0];
    const bytes = buffered.subarray(5, 5 + length);
    buffered = buffered.subarray(5 + length);
    if (type === 1) process.stdout.write(bytes);
    else if (type === 2) process.stderr.write(bytes);
    else status = Number(bytes.toString());
  }
});
// The host has said all it will: our side of the connection (the guest's stdin) is done too.
socket.on('end', () => socket.destroy());
socket.on('error', (e) => {
  process.stderr.write(`wasi-matrix warm host unreachable: ${e.message}\n`);
});
socket.on('close', () => {
  if (status === null) process.stderr.write('wasi-matrix warm host: the guest ended without an exit status\n');
  process.exitCode = status ?? 1;
  process.stdin.destroy();
});
