// UDP over WASI 0.2 sockets: send a datagram to the harness's echo peer (argv[1] = ip:port) and
// receive the echo.
import { getArguments } from 'wasi:cli/environment@0.2.12';
import { instanceNetwork } from 'wasi:sockets/instance-network@0.2.12';
import { createUdpSocket } from 'wasi:sockets/udp-create-socket@0.2.12';
import { attempt, check, status } from './lib/check.js';
import { nonced, printReply } from './lib/peer.js';

const MESSAGE = 'datagram from wasi-matrix';
const SEND_TRIES = 100;

export function main() {
  const [host, port] = getArguments()[1].split(':');
  const peer = { tag: 'ipv4', val: { port: Number(port), address: host.split('.').map(Number) } };
  const [streams, err] = attempt(() => {
    const socket = createUdpSocket('ipv4');
    socket.startBind(instanceNetwork(), { tag: 'ipv4', val: { port: 0, address: [127, 0, 0, 1] } });
    socket.subscribe().block();
    socket.finishBind();
    const [incoming, outgoing] = socket.stream(peer);
    // send may take none of the datagrams (ok(0)) even when check-send permitted some: wait and try again.
    for (let tries = 0; tries < SEND_TRIES; tries++) {
      outgoing.subscribe().block();
      if (outgoing.checkSend() > 0n && outgoing.send([{ data: new TextEncoder().encode(MESSAGE) }]) === 1n) return [incoming, socket];
    }
    throw new Error(`no datagram sent in ${SEND_TRIES} tries`);
  });
  check(streams !== null, 'send', JSON.stringify(err?.message ?? err));
  if (!streams) return status();
  const [incoming] = streams;
  incoming.subscribe().block();
  const [datagrams, e] = attempt(() => incoming.receive(1n));
  const text = datagrams?.length ? new TextDecoder().decode(datagrams[0].data) : '';
  printReply(text);
  check(nonced(text, `echo: ${MESSAGE}`), 'echo', JSON.stringify(text || e));
  return status();
}
