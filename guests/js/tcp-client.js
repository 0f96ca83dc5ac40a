// TCP client over WASI 0.2 sockets: connect to the harness's echo peer (argv[1] = ip:port),
// send a line, and read the echo back.
import { getArguments } from 'wasi:cli/environment@0.2.12';
import { instanceNetwork } from 'wasi:sockets/instance-network@0.2.12';
import { createTcpSocket } from 'wasi:sockets/tcp-create-socket@0.2.12';
import { attempt, check, status } from './lib/check.js';
import { nonced, printReply } from './lib/peer.js';

const MESSAGE = 'ping from wasi-matrix\n';

export function main() {
  const [host, port] = getArguments()[1].split(':');
  const address = { tag: 'ipv4', val: { port: Number(port), address: host.split('.').map(Number) } };
  const [streams, err] = attempt(() => {
    const socket = createTcpSocket('ipv4');
    socket.startConnect(instanceNetwork(), address);
    // finish-connect says would-block until the connection is made: wait on the socket's pollable.
    for (;;) {
      socket.subscribe().block();
      const [pair, e] = attempt(() => socket.finishConnect());
      if (pair) return pair;
      if (e !== 'would-block') throw e;
    }
  });
  check(streams !== null, 'connect', JSON.stringify(err?.message ?? err));
  if (!streams) return status();
  const [input, output] = streams;
  output.blockingWriteAndFlush(new TextEncoder().encode(MESSAGE));
  let received = '';
  const decoder = new TextDecoder();
  while (!received.includes('\n')) {
    const [chunk, e] = attempt(() => input.blockingRead(1024n));
    if (!chunk || chunk.length === 0) break;
    received += decoder.decode(chunk);
    if (e) break;
  }
  printReply(received);
  check(nonced(received, `echo: ${MESSAGE}`), 'echo', JSON.stringify(received));
  return status();
}
