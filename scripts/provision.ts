// npm run provision: install what matrix.yaml names and this machine lacks; idempotent.
import { main } from '../src/main-errors.ts';
import { parseFlags, UsageError } from '../src/cli-args.ts';
import { inventory } from '../src/inventory.ts';
import { loadMatrix, PROFILES, type Profile } from '../src/matrix.ts';
import { cacheDir, ROOT } from '../src/paths.ts';
import { provisionLogDir } from '../src/provision-log.ts';
import { provision, stepsFor } from '../src/provision.ts';

await main('provision', async () => {
  const { values } = parseFlags(process.argv.slice(2), { profile: { type: 'string' } });
  const profile = (values.profile ?? 'full') as Profile;
  if (!(PROFILES as readonly string[]).includes(profile)) throw new UsageError(`--profile must be one of ${PROFILES.join(', ')}, got "${profile}"`);
  if (values.help) {
    console.log(`Usage: npm run provision [-- --profile=full|default]\n\nInstalls the toolchains and runtimes matrix.yaml names (apt, PyPI) into\n${cacheDir()} (set WASI_MATRIX_CACHE to move it), then smoke-tests each.\nEach step's whole output is kept in ${provisionLogDir()}.`);
    return 0;
  }
  const t0 = performance.now();
  const matrix = loadMatrix(ROOT);
  const results = await provision(stepsFor(matrix, profile), (line) => console.log(line));
  // Smoke test, jsvu-style: every tool must now answer with its version.
  const inv = await inventory(ROOT, matrix, undefined, profile);
  const rows = [...[...inv.toolchains].map(([id, t]) => [`toolchain ${id}`, t.detection] as const), ...[...inv.runtimes].map(([id, r]) => [`runtime ${id}`, r.detection] as const)];
  for (const [name, d] of rows) console.log(`smoke ${name}: ${d.available ? d.version : `UNAVAILABLE (${d.reason})`}`);
  const failed = results.filter((r) => r.action === 'failed');
  console.log(`provision: ${results.filter((r) => r.action === 'installed').length} installed, ${results.filter((r) => r.action === 'present').length} present, ${failed.length} failed in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return failed.length ? 1 : 0;
});
