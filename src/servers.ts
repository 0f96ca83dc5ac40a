import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { allocatePort } from './ports.ts';
import type { Endpoint, ServerSpec } from './script.ts';

/** A harness-run HTTP server of one cell (wasi-testsuite's `servers`), and how the guest learns of it. */
export interface RunningServer {
  envName: string;
  address: string;
  stop(): Promise<void>;
}

/** `HTTP_SERVER_<NAME>` (names are letters, digits and `_`), valued `127.0.0.1:<port>`. */
export const serverEnvName = (name: string) => `HTTP_SERVER_${name.toUpperCase()}`;

/** echo-headers: the request's method, path, headers and trailers, each as a response header. */
function echoed(req: IncomingMessage): [string, string][] {
  const out: [string, string][] = [['x-request-method', req.method ?? ''], ['x-request-path', req.url ?? '']];
  for (const [name, value] of Object.entries(req.headersDistinct)) for (const v of value ?? []) out.push([`x-echo-${name}`, v]);
  for (const [name, value] of Object.entries(req.trailersDistinct)) for (const v of value ?? []) out.push([`x-trailer-${name}`, v]);
  return out;
}

async function answer(e: Endpoint, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const head = req.method === 'HEAD';
  if (e.mode !== 'static') {
    const body = e.mode === 'echo-body' ? Buffer.concat(chunks) : Buffer.alloc(0);
    const headers = e.mode === 'echo-headers' ? echoed(req) : [];
    res.writeHead(200, [...headers, ['content-length', String(body.length)]].flat());
    res.end(head ? undefined : body);
    return;
  }
  const r = e.response;
  res.statusCode = r.status;
  for (const [h, v] of Object.entries(r.headers)) res.setHeader(h, v);
  if (r.chunks) {
    // One chunk of the chunked encoding per entry; trailers after the last.
    const trailers = r.trailers ?? {};
    if (Object.keys(trailers).length) res.setHeader('trailer', Object.keys(trailers).join(', '));
    if (!head) for (const c of r.chunks) res.write(c);
    res.addTrailers(trailers);
    res.end();
    return;
  }
  const body = Buffer.from(r.body ?? '');
  res.setHeader('content-length', body.length);
  res.end(head ? undefined : body);
}

async function listening(spec: ServerSpec): Promise<RunningServer> {
  const server = createServer((req, res) => {
    const e = spec.endpoints.find((x) => x.method.toUpperCase() === req.method && x.path === req.url);
    if (!e) {
      req.resume();
      res.writeHead(404, { 'content-length': '0' }).end();
      return;
    }
    answer(e, req, res).catch(() => res.destroy());
  });
  const port = await allocatePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    envName: serverEnvName(spec.name),
    address: `127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A `closed` server is an address where nothing listens: connections are refused. */
async function closed(spec: ServerSpec): Promise<RunningServer> {
  const port = await allocatePort();
  return { envName: serverEnvName(spec.name), address: `127.0.0.1:${port}`, stop: async () => {} };
}

export function startServers(specs: ServerSpec[]): Promise<RunningServer[]> {
  return Promise.all(specs.map((s) => (s.kind === 'closed' ? closed(s) : listening(s))));
}
