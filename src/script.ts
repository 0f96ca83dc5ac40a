import { peerCheckName, type PeerKind, type PeerSees } from './peers.ts';

/** A directory the runtime preopens: `host` is relative to the cell's copy of the fixture until the driver resolves it. */
export interface Preopen {
  host: string;
  guest: string;
}

/** One HTTP endpoint of a harness-run server (wasi-testsuite's `servers`). */
export interface Endpoint {
  method: string;
  path: string;
  mode: 'static' | 'echo-body' | 'echo-headers';
  response: { status: number; headers: Record<string, string>; body?: string; chunks?: string[]; trailers?: Record<string, string> };
}

/** A server the harness runs for one cell; its address reaches the guest as env `HTTP_SERVER_<NAME>`. */
export interface ServerSpec {
  name: string;
  kind: 'listening' | 'closed';
  endpoints: Endpoint[];
}

/**
 * One step of a cell's script. Every case, ours or external, compiles into these at load time
 * (the reference wasi-testsuite runner's model); one driver runs them. A step with `check`
 * reports a harness check under that name: `ok <check>` or `not ok <check> # why`.
 */
export type Step = { check?: string } & (
  | { op: 'run'; args: string[]; env: Record<string, string>; preopens: Preopen[]; stdin?: string; serve: boolean }
  /** Waits for the process; `exit` judged here when given, else by the verdict (`expect.exit`). */
  | { op: 'wait'; exit?: number }
  | { op: 'read'; stream: 'stdout' | 'stderr'; payload: string }
  | { op: 'write'; payload: string }
  /** `printed`: the guest prints `host:port` on stdout; `port`: the `${port}` the guest was given, retried until it accepts. */
  | { op: 'connect'; conn: string; to: 'printed' | 'port' }
  | { op: 'send'; conn: string; payload: string }
  | { op: 'recv'; conn: string; payload: string }
  | { op: 'close'; conn: string }
  | {
      op: 'request';
      method: string;
      path: string;
      headers: Record<string, string>;
      body: string;
      response: { status: number; headers: Record<string, string>; body?: string };
    }
  | { op: 'kill'; signal: string }
  /** The harness stops a server-mode process: serving until stopped is its job, not a failure. */
  | { op: 'stop' }
);

/** What the harness inspects on the host after the run, in the cell's copy of the fixture (paths relative to it). */
export interface After {
  exists: string[];
  absent: string[];
  contains: Record<string, string>;
  unchanged: string[];
}

export interface Script {
  steps: Step[];
  /** A loopback peer the harness runs; `${peer}` in args and env values becomes its ip:port. */
  peer?: PeerKind;
  /** What the peer must have seen when the guest is done (default: an exchange). */
  peerSees?: PeerSees;
  servers: ServerSpec[];
  /** A process still running after the last step fails this check (external scripts: `end`). */
  end?: string;
  after?: After;
}

/** The harness checks a script reports, in order: every one is required for a PASS. */
export function harnessChecks(s: Script): string[] {
  const after = s.after
    ? [
        ...s.after.exists.map((p) => `after-exists:${p}`),
        ...s.after.absent.map((p) => `after-absent:${p}`),
        ...Object.keys(s.after.contains).map((p) => `after-contains:${p}`),
        ...s.after.unchanged.map((p) => `after-unchanged:${p}`),
      ]
    : [];
  const peer = s.peer ? [peerCheckName(s.peerSees ?? 'exchange')] : [];
  return [...s.steps.flatMap((st) => (st.check ? [st.check] : [])), ...(s.end ? [s.end] : []), ...peer, ...after];
}

/** `root` is preopened as `/`, each of `dirs` under its own name. */
export function preopensOf(layout: { root?: string | undefined; dirs: string[] }): Preopen[] {
  return [...(layout.root ? [{ host: layout.root, guest: '/' }] : []), ...layout.dirs.map((d) => ({ host: d, guest: d }))];
}

/** Our case keys, compiled: a plain run, a guest given a peer, a listening guest, or a served handler. */
export function compileOurs(k: {
  invoke: { args: string[]; env: Record<string, string>; stdin?: string; preopens: Preopen[] };
  peer?: PeerKind;
  peerSees?: PeerSees;
  serve?: { method: string; path: string; status: number; body?: string }[];
  listen?: { send: string; expect: string }[];
  after?: After;
}): Script {
  // Our guests get their stdin whole (empty unless the case gives some), then end of file.
  const run = { op: 'run' as const, args: k.invoke.args, env: k.invoke.env, preopens: k.invoke.preopens, stdin: k.invoke.stdin ?? '' };
  const base = {
    servers: [],
    ...(k.peer ? { peer: k.peer, peerSees: k.peerSees ?? 'exchange' } : {}),
    ...(k.after ? { after: k.after } : {}),
  };
  if (k.serve) {
    const requests: Step[] = k.serve.map((r, i) => ({
      op: 'request', check: `request-${i + 1}`, method: r.method, path: r.path, headers: {}, body: '',
      response: { status: r.status, headers: {}, ...(r.body !== undefined ? { body: r.body } : {}) },
    }));
    return { ...base, steps: [{ ...run, serve: true }, ...requests, { op: 'stop' }] };
  }
  if (k.listen) {
    // One connection per exchange; the guest reports its own checks and exits after the last.
    const exchanges: Step[] = k.listen.flatMap((x, i) => [
      { op: 'connect', conn: `x${i}`, to: 'port' },
      { op: 'send', conn: `x${i}`, payload: x.send },
      { op: 'recv', conn: `x${i}`, payload: x.expect, check: `exchange-${i + 1}` },
      { op: 'close', conn: `x${i}` },
    ] satisfies Step[]);
    return { ...base, steps: [{ ...run, serve: false }, ...exchanges, { op: 'wait' }] };
  }
  return { ...base, steps: [{ ...run, serve: false }, { op: 'wait' }] };
}
