import { createSocket } from 'node:dgram';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';

/** Loopback servers the harness runs for a cell, on an ephemeral port, and stops after it. */
export const PEERS = ['tcp-echo', 'udp-echo', 'http-hello'] as const;
export type PeerKind = (typeof PEERS)[number];

export interface Peer {
  /** ip:port, substituted for `${peer}` in the case's arguments. */
  address: string;
  /** The cell's nonce, in every reply: a guest that prints the reply it got shows an exchange no guest could predict. */
  nonce: string;
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

/** Where a peer puts the cell's nonce: at the end of the line it answers, before the newline. */
export function withNonce(text: string, nonce: string): string {
  const newline = text.endsWith('\n') ? '\n' : '';
  return `${text.slice(0, text.length - newline.length)} [${nonce}]${newline}`;
}

/**
 * The peer's own record as a harness check. A guest that prints its lines without talking to the
 * peer fails it, and so does one that talks but does not print the reply it got (the nonce in it).
 */
export function peerCheck(sees: PeerSees, peer: Pick<Peer, 'contacts' | 'answered' | 'nonce'>, stdout: string): { name: string; ok: boolean; detail: string } {
  const name = peerCheckName(sees);
  const [contacts, answered] = [peer.contacts(), peer.answered()];
  if (sees === 'nothing') return { name, ok: contacts === 0, detail: contacts ? `the peer was reached ${contacts} time(s)` : '' };
  if (!answered) return { name, ok: false, detail: contacts ? 'the peer was reached but sent no reply' : 'the peer saw no exchange' };
  return stdout.includes(peer.nonce) ? { name, ok: true, detail: '' } : { name, ok: false, detail: `the peer replied ${answered} time(s), but the guest's output does not carry the nonce ${peer.nonce} it sent` };
}

/** Listens on an ephemeral loopback port; stop() first ends open connections (`drop`), then closes. */
async function onLoopback(server: Server, drop: () => void, counts: Pick<Peer, 'contacts' | 'answered' | 'nonce'>): Promise<Peer> {
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

/** tcp-echo: answers every line with "echo: ", the line and the nonce, then closes when the client does. */
async function tcpEcho(nonce: string): Promise<Peer> {
  const open = new Set<Socket>();
  let [contacts, answered] = [0, 0];
  const server: Server = createServer((socket) => {
    contacts++;
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    // By line, not by chunk: a line split across chunks still gets one reply with one nonce.
    let pending = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
        answered++;
        socket.write(`echo: ${withNonce(pending.slice(0, end + 1), nonce)}`);
        pending = pending.slice(end + 1);
      }
    });
    socket.on('error', () => socket.destroy());
  });
  return onLoopback(
    server,
    () => {
      for (const s of open) s.destroy();
    },
    { contacts: () => contacts, answered: () => answered, nonce },
  );
}

/** udp-echo: answers every datagram with "echo: ", the datagram and the nonce, to its sender. */
async function udpEcho(nonce: string): Promise<Peer> {
  const socket = createSocket('udp4');
  let answered = 0;
  // A datagram is a contact and its echo the reply: the two counts are one.
  socket.on('message', (msg, from) => {
    answered++;
    socket.send(`echo: ${withNonce(msg.toString('utf8'), nonce)}`, from.port, from.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', resolve);
  });
  return {
    address: `127.0.0.1:${socket.address().port}`,
    nonce,
    contacts: () => answered,
    answered: () => answered,
    stop: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

/** http-hello: answers every request with 200 and "hello from the harness: <path> [<nonce>]". */
async function httpHello(nonce: string): Promise<Peer> {
  let [contacts, answered] = [0, 0];
  const server = createHttpServer((req, res) => {
    answered++;
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(withNonce(`hello from the harness: ${req.url}`, nonce));
  });
  server.on('connection', () => contacts++);
  return onLoopback(server, () => server.closeAllConnections(), { contacts: () => contacts, answered: () => answered, nonce });
}

export function startPeer(kind: PeerKind, nonce: string): Promise<Peer> {
  switch (kind) {
    case 'tcp-echo':
      return tcpEcho(nonce);
    case 'udp-echo':
      return udpEcho(nonce);
    case 'http-hello':
      return httpHello(nonce);
  }
}
