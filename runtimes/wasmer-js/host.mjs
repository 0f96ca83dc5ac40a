// Runs one WASI module in an @wasmer/sdk sandbox. The sdk has no host-directory
// mounts, so preopened fixture trees are copied in as sandbox files.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Wasmer } from '@wasmer/sdk';

const spec = JSON.parse(process.argv[2]);

async function collect(hostDir, guestDir, files) {
  for (const entry of await readdir(hostDir, { withFileTypes: true })) {
    const h = join(hostDir, entry.name);
    const g = `${guestDir}/${entry.name}`;
    if (entry.isDirectory()) await collect(h, g, files);
    else files[g] = new Uint8Array(await readFile(h));
  }
  return files;
}

async function readStdin() {
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  return new Uint8Array(Buffer.concat(chunks));
}

const files = {};
for (const p of spec.preopens) await collect(p.host, p.guest, files);
const wasmer = new Wasmer({ cache: false });
let sandbox;
try {
  const pkg = await wasmer.packages.create({
    modules: { app: new Uint8Array(await readFile(spec.artifact)) },
    commands: { guest: { module: 'app' } },
  });
  sandbox = await wasmer.sandboxes.create({ packages: [pkg], files, env: spec.env });
  const out = await sandbox.command(pkg, spec.args).run({ check: false, stdin: await readStdin() });
  process.stdout.write(out.stdout.bytes);
  process.stderr.write(out.stderr.bytes);
  process.exitCode = out.exitCode ?? 1;
} catch (e) {
  // Traps arrive as errors from the sdk; keep its words for the adapter to classify.
  process.stderr.write(`wasmer-js host error: ${e?.message ?? e}\n`);
  process.exitCode = 1;
} finally {
  await sandbox?.close();
  await wasmer.close();
}
