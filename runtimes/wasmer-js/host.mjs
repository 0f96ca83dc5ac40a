// Runs one WASI module in an @wasmer/sdk sandbox. The sdk has no host-directory
// mounts, so preopened fixture trees are copied in as sandbox files. Output is
// streamed as it comes, so the harness's output cap and timeout see it live. In a warm host's
// worker, the sdk is initialised from the host's compiled copy of its wasm (prepare.mjs).
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { workerData } from 'node:worker_threads';
import { Wasmer } from '@wasmer/sdk';

const spec = JSON.parse(process.argv[2]);

async function collect(hostDir, guestDir, files, dirs) {
  dirs.push(guestDir);
  for (const entry of await readdir(hostDir, { withFileTypes: true })) {
    const h = join(hostDir, entry.name);
    const g = `${guestDir}/${entry.name}`;
    if (entry.isDirectory()) await collect(h, g, files, dirs);
    else files[g] = new Uint8Array(await readFile(h));
  }
}

const files = {};
const dirs = [];
for (const p of spec.preopens) await collect(p.host, p.guest, files, dirs);
const wasmer = new Wasmer({ cache: false, ...(workerData?.wasm ? { wasm: workerData.wasm } : {}) });
let sandbox;
try {
  const pkg = await wasmer.packages.create({
    modules: { app: new Uint8Array(await readFile(spec.artifact)) },
    commands: { guest: { module: 'app' } },
  });
  sandbox = await wasmer.sandboxes.create({ packages: [pkg], files, env: spec.env });
  // Files imply their folders; empty folders must be made.
  for (const d of dirs) await sandbox.fs.mkdir(d, { recursive: true });
  const proc = await sandbox.command(pkg, spec.args).spawn({ stdin: 'pipe', stdout: 'pipe', stderr: 'pipe' });
  const pump = async (from, to) => {
    for await (const chunk of from) to.write(chunk);
  };
  const pumps = Promise.all([pump(proc.stdout, process.stdout), pump(proc.stderr, process.stderr)]);
  // Stdin is passed on as it arrives, so an interactive guest can answer each line; a guest that
  // exits without reading it all must not leave us waiting on it.
  void (async () => {
    for await (const c of process.stdin) await proc.stdin.write(new Uint8Array(c));
    await proc.stdin.close();
  })().catch(() => {});
  const out = await proc.wait({ check: false });
  await pumps;
  process.stdin.destroy();
  process.exitCode = out.exitCode ?? 1;
} catch (e) {
  // Traps arrive as errors from the sdk; keep its words for the adapter to classify.
  process.stderr.write(`wasmer-js host error: ${e?.message ?? e}\n`);
  process.exitCode = 1;
} finally {
  await sandbox?.close();
  await wasmer.close();
}
