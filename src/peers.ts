import { createSocket } from 'node:dgram';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';

/** Loopback servers the harness runs for a cell, on an ephemeral port, and stops after it. */
export const PEERS = ['tcp-echo', 'udp-echo', 'http-hello'] as const;
export type PeerKind = (typeof PEERS)[number];

export interface Peer {
  /** ip:port, substituted for `${peer}` in the case's arguments. */
  address: string;
  /** How many times the peer was reached (TCP connections, datagrams, requests). */
  contacts(): number;
  /** How many replies it sent (TCP chunks echoed, datagrams echoed, responses): what a guest cannot print its way past. */
  answered(): number;
  stop(): Promise<void>;
}

/** What the peer must have seen by the end of the cell: an exchange, or (a denied network) none. */
export const PEER_SEES = ['exchange', 'nothing'] as const;
export type PeerSees = (typeof PEER_SEES)[number];

/** The harness check a peer reports, by what it must have seen. */
export const peerCheckName = (sees: PeerSees): string => (sees === 'nothing' ? 'peer-untouched' : 'peer-saw');

/** The peer's own record as a harness check: a guest that prints its lines without talking to the peer fails it. */
export function peerCheck(sees: PeerSees, peer: Pick<Peer, 'contacts' | 'answered'>): { name: string; ok: boolean; detail: string } {
  const name = peerCheckName(sees);
  const [contacts, answered] = [peer.contacts(), peer.answered()];
  if (sees === 'nothing') return { name, ok: contacts === 0, detail: contacts ? `the peer was reached ${contacts} time(s)` : '' };
  return { name, ok: answered > 0, detail: answered ? '' : contacts ? 'the peer was reached but sent no reply' : 'the peer saw no exchange' };
}

/** Listens on an ephemeral loopback port; stop() first ends open connections (`drop`), then closes. */
async function onLoopback(server: Server, drop: () => void, counts: Pick<Peer, 'contacts' | 'answered'>): Promise<Peer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as { port: number };
  return {
    address: `127.0.0.1:${port}`,
    ...counts,
    stop: () =>
      new Promise((resolve) => {
        drop();
        server.close(() => resolve());
      }),
  };
}

/** tcp-echo: answers every chunk with "echo: " and the chunk, then closes when the client does. */
async function tcpEcho(): Promise<Peer> {
  const open = new Set<Socket>();
  let [contacts, answered] = [0, 0];
  const server: Server = createServer((socket) => {
    contacts++;
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('data', (chunk) => {
      answered++;
      socket.write(Buffer.concat([Buffer.from('echo: '), chunk]));
    });
    socket.on('error', () => socket.destroy());
  });
  return onLoopback(
    server,
    () => {
      for (const s of open) s.destroy();
    },
    { contacts: () => contacts, answered: () => answered },
  );
}

/** udp-echo: answers every datagram with "echo: " and the datagram, to its sender. */
async function udpEcho(): Promise<Peer> {
  const socket = createSocket('udp4');
  let answered = 0;
  // A datagram is a contact and its echo the reply: the two counts are one.
  socket.on('message', (msg, from) => {
    answered++;
    socket.send(Buffer.concat([Buffer.from('echo: '), msg]), from.port, from.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', resolve);
  });
  return {
    address: `127.0.0.1:${socket.address().port}`,
    contacts: () => answered,
    answered: () => answered,
    stop: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

/** http-hello: answers every request with 200 and "hello from the harness: <path>". */
async function httpHello(): Promise<Peer> {
  let [contacts, answered] = [0, 0];
  const server = createHttpServer((req, res) => {
    answered++;
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`hello from the harness: ${req.url}`);
  });
  server.on('connection', () => contacts++);
  return onLoopback(server, () => server.closeAllConnections(), { contacts: () => contacts, answered: () => answered });
}

export function startPeer(kind: PeerKind): Promise<Peer> {
  switch (kind) {
    case 'tcp-echo':
      return tcpEcho();
    case 'udp-echo':
      return udpEcho();
    case 'http-hello':
      return httpHello();
  }
}
