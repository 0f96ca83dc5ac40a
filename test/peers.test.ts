import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { expect, test } from 'vitest';
import { startPeer } from '../src/peers.ts';

const hostPort = (a: string) => {
  const [host, port] = a.split(':');
  return { host: host!, port: Number(port) };
};

test('tcp-echo answers each line, however it was split, with the nonce, and stops, closing open connections', async () => {
  const peer = await startPeer('tcp-echo', 'n0nce');
  const { host, port } = hostPort(peer.address);
  expect(host).toBe('127.0.0.1');
  const reply = await new Promise<string>((resolve, reject) => {
    let got = '';
    const s = connect(port, host, () => {
      s.write('pi');
      setTimeout(() => s.write('ng\nsecond\n'), 50);
    });
    s.on('data', (d) => {
      got += d.toString();
      if (got.split('\n').length > 2) resolve(got);
    });
    s.on('error', reject);
  });
  expect(reply).toBe('echo: ping [n0nce]\necho: second [n0nce]\n');
  expect(peer.answered()).toBe(2);
  await peer.stop();
  await expect(new Promise((resolve, reject) => connect(port, host, () => resolve('connected')).on('error', reject))).rejects.toThrow(/ECONNREFUSED/);
});

test('udp-echo answers a datagram to its sender', async () => {
  const peer = await startPeer('udp-echo', 'n0nce');
  const { host, port } = hostPort(peer.address);
  const client = createSocket('udp4');
  const reply = await new Promise<string>((resolve) => {
    client.on('message', (m) => resolve(m.toString()));
    client.send('dgram', port, host);
  });
  client.close();
  await peer.stop();
  expect(reply).toBe('echo: dgram [n0nce]');
});

test('http-hello answers with its path', async () => {
  const peer = await startPeer('http-hello', 'n0nce');
  const res = await fetch(`http://${peer.address}/x?y=1`);
  expect(res.status).toBe(200);
  expect(await res.text()).toBe('hello from the harness: /x?y=1 [n0nce]');
  await peer.stop();
});
