// TCP server over WASI 0.2 sockets: listen on 127.0.0.1:argv[1], print the bound address, accept
// one connection, answer its first line with "echo: " and the line, then exit.
import { getArguments } from 'wasi:cli/environment@0.2.12';
import { instanceNetwork } from 'wasi:sockets/instance-network@0.2.12';
import { createTcpSocket } from 'wasi:sockets/tcp-create-socket@0.2.12';
import { attempt, check, out, status } from './lib/check.js';
import { nonced } from './lib/peer.js';

export function main() {
  const port = Number(getArguments()[1] ?? 0);
  const [socket, err] = attempt(() => {
    const s = createTcpSocket('ipv4');
    s.startBind(instanceNetwork(), { tag: 'ipv4', val: { port, address: [127, 0, 0, 1] } });
    s.subscribe().block();
    s.finishBind();
    s.startListen();
    s.subscribe().block();
    s.finishListen();
    return s;
  });
  check(socket !== null, 'listen', JSON.stringify(err?.message ?? err));
  if (!socket) return status();
  const bound = socket.localAddress().val;
  out(`${bound.address.join('.')}:${bound.port}\n`);
  socket.subscribe().block();
  const [accepted, e] = attempt(() => socket.accept());
  check(accepted !== null, 'accept', JSON.stringify(e));
  if (!accepted) return status();
  const [, input, output] = accepted;
  let line = '';
  const decoder = new TextDecoder();
  while (!line.endsWith('\n')) {
    const [chunk] = attempt(() => input.blockingRead(1024n));
    if (!chunk || chunk.length === 0) break;
    line += decoder.decode(chunk);
  }
  output.blockingWriteAndFlush(new TextEncoder().encode(`echo: ${line}`));
  check(nonced(line, 'ping from the harness\n'), 'read-line', JSON.stringify(line));
  return status();
}
