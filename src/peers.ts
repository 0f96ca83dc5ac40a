import { createSocket } from 'node:dgram';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';

/** Loopback servers the harness runs for a cell, on an ephemeral port, and stops after it. */
export const PEERS = ['tcp-echo', 'udp-echo', 'http-hello'] as const;
export type PeerKind = (typeof PEERS)[number];

export interface Peer {
  /** ip:port, substituted for `${peer}` in the case's arguments. */
  address: string;
  stop(): Promise<void>;
}

/** Listens on an ephemeral loopback port; stop() first ends open connections (`drop`), then closes. */
async function onLoopback(server: Server, drop: () => void): Promise<Peer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as { port: number };
  return {
    address: `127.0.0.1:${port}`,
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
  const server: Server = createServer((socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('data', (chunk) => socket.write(Buffer.concat([Buffer.from('echo: '), chunk])));
    socket.on('error', () => socket.destroy());
  });
  return onLoopback(server, () => {
    for (const s of open) s.destroy();
  });
}

/** udp-echo: answers every datagram with "echo: " and the datagram, to its sender. */
async function udpEcho(): Promise<Peer> {
  const socket = createSocket('udp4');
  socket.on('message', (msg, from) => socket.send(Buffer.concat([Buffer.from('echo: '), msg]), from.port, from.address));
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', resolve);
  });
  return {
    address: `127.0.0.1:${socket.address().port}`,
    stop: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

/** http-hello: answers every request with 200 and "hello from the harness: <path>". */
async function httpHello(): Promise<Peer> {
  const server = createHttpServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`hello from the harness: ${req.url}`);
  });
  return onLoopback(server, () => server.closeAllConnections());
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
