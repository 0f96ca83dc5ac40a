// Runs one WASI module in a fresh @wasmer/sdk sandbox of the given client. The sdk has no
// host-directory mounts, so preopened fixture trees are copied in as sandbox files. Output is
// handed on as it comes, so the harness's output cap and timeout see it live.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

async function collect(hostDir, guestDir, files, dirs) {
  dirs.push(guestDir);
  for (const entry of await readdir(hostDir, { withFileTypes: true })) {
    const h = join(hostDir, entry.name);
    const g = `${guestDir}/${entry.name}`;
    if (entry.isDirectory()) await collect(h, g, files, dirs);
    else files[g] = new Uint8Array(await readFile(h));
  }
}

/** The sdk's words once its thread pool has died (after a panic inside it): no later guest can start in that client. */
const DEAD = /thread pool is shut down|Scheduler is dead/;

/**
 * io: stdout(bytes), stderr(bytes), stdin (async iterable of bytes). Resolves to the exit code, or
 * for a warm host's worker: { restart, why } when the client was already dead before this guest
 * started, { exit, retire } when the sdk failed under it (a panic may have left the client dead).
 */
export async function runGuest(wasmer, spec, io) {
  const files = {};
  const dirs = [];
  for (const p of spec.preopens) await collect(p.host, p.guest, files, dirs);
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
      for await (const chunk of from) to(chunk);
    };
    const pumps = Promise.all([pump(proc.stdout, io.stdout), pump(proc.stderr, io.stderr)]);
    // Stdin is passed on as it arrives, so an interactive guest can answer each line; a guest that
    // exits without reading it all must not leave us waiting on it.
    void (async () => {
      for await (const c of io.stdin) await proc.stdin.write(new Uint8Array(c));
      await proc.stdin.close();
    })().catch(() => {});
    const out = await proc.wait({ check: false });
    await pumps;
    return out.exitCode ?? 1;
  } catch (e) {
    // Traps arrive as errors from the sdk; keep its words for the adapter to classify.
    const why = `wasmer-js host error: ${e?.message ?? e}\n`;
    if (DEAD.test(why)) return { restart: true, why };
    io.stderr(Buffer.from(why));
    return { exit: 1, retire: true };
  } finally {
    await sandbox?.close();
  }
}
