// One guest in a child Node process of its own, with a fresh sdk client (the cold path).
import { Wasmer } from '@wasmer/sdk';
import { runGuest } from './guest.mjs';

const spec = JSON.parse(process.argv[2]);
const wasmer = new Wasmer({ cache: false });
try {
  const r = await runGuest(wasmer, spec, {
    stdout: (c) => process.stdout.write(c),
    stderr: (c) => process.stderr.write(c),
    stdin: process.stdin,
  });
  // A fresh client has nothing to retire or restart: a failure is the guest's result.
  if (r.why) process.stderr.write(r.why);
  process.exitCode = typeof r === 'object' ? (r.exit ?? 1) : r;
} finally {
  process.stdin.destroy();
  await wasmer.close();
}
