// One guest in a child Node process of its own, with a fresh sdk client (the cold path).
import { Wasmer } from '@wasmer/sdk';
import { runGuest } from './guest.mjs';

const spec = JSON.parse(process.argv[2]);
const wasmer = new Wasmer({ cache: false });
try {
  process.exitCode = await runGuest(wasmer, spec, {
    stdout: (c) => process.stdout.write(c),
    stderr: (c) => process.stderr.write(c),
    stdin: process.stdin,
  });
} finally {
  process.stdin.destroy();
  await wasmer.close();
}
