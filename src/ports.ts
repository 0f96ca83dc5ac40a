import { readdir, readFile, readlink } from 'node:fs/promises';
import { connect, createServer } from 'node:net';

/**
 * Loopback ports handed to runtimes. A port is given out at most once per runner process, so two
 * parallel cells never share one; it is checked free by binding it for a moment.
 */
const handedOut = new Set<number>();
let next = 20000 + Math.floor(Math.random() * 20000);

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

export async function allocatePort(): Promise<number> {
  for (;;) {
    const port = next;
    next = next >= 60999 ? 20000 : next + 1;
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    if (await bindable(port)) return port;
  }
}

/** Whether something accepts TCP connections on the loopback port. */
export function accepts(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, host, () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

/** Inodes of the sockets listening on a local TCP port, from the kernel's tables. */
async function listeningInodes(port: number): Promise<Set<string>> {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(table, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // local_address is ADDR:PORT; state 0A is LISTEN; field 9 is the inode.
      if (f[1]?.endsWith(`:${hex}`) && f[3] === '0A') inodes.add(f[9]!);
    }
  }
  return inodes;
}

/**
 * Whether the listener on `port` belongs to the process group `pgid` (the runtime we started),
 * so a readiness probe never mistakes another process's server for ours. Where /proc cannot
 * tell (not Linux), it trusts the port.
 */
export async function ownedBy(port: number, pgid: number): Promise<boolean> {
  const inodes = await listeningInodes(port);
  if (inodes.size === 0) return false;
  const pids = await readdir('/proc').catch(() => null);
  if (!pids) return true;
  for (const pid of pids.filter((p) => /^\d+$/.test(p))) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    // Fields after the command name (which may hold spaces): state ppid pgrp …
    const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
    if (pgrp !== pgid) continue;
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => []);
    for (const fd of fds) {
      const link = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      const m = /^socket:\[(\d+)\]$/.exec(link);
      if (m && inodes.has(m[1]!)) return true;
    }
  }
  return false;
}
