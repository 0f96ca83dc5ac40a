// npm run doctor: what this machine has of every toolchain and runtime in matrix.yaml.
import { parseFlags } from '../src/cli-args.ts';
import { coverage, missingEntries } from '../src/coverage.ts';
import { inventory } from '../src/inventory.ts';
import { main } from '../src/main-errors.ts';
import { loadMatrix } from '../src/matrix.ts';
import { ROOT } from '../src/paths.ts';
import type { Detection, Support } from '../src/types.ts';

const targets = (t: Record<string, Support>) => Object.entries(t).filter(([, s]) => s.ok).map(([id]) => id).join(' ') || '-';

await main('doctor', async () => {
  const { values } = parseFlags(process.argv.slice(2), { coverage: { type: 'boolean' } });
  if (values.help) {
    console.log('Usage: npm run doctor [-- --coverage]\n\nLists every toolchain and runtime in matrix.yaml: found or missing, version, path, targets.\n--coverage: per headline feature, language and target, whether a guest exists, the language cannot (why), a route exists that no guest takes yet (not written), or it is missing; exits 1 while any is missing.');
    return 0;
  }
  const matrix = loadMatrix(ROOT);
  if (values.coverage) {
    const grid = await coverage(ROOT, matrix);
    for (const feature of grid.features) {
      console.log(feature);
      for (const language of grid.languages) {
        const parts = grid.targets.flatMap((t) => {
          const e = grid.entries[feature]![language]![t]!;
          if (e.state === 'no-case') return [];
          return [`${t}: ${e.state === 'guest' ? `guest (${e.guests.join(', ')})` : e.state === 'cannot' ? `cannot (${e.reason})` : e.state === 'not-here' ? `not here (${e.reason})` : e.state === 'not-written' ? `not written (${e.route})` : `MISSING (${e.guests.join(', ')})`}`];
        });
        console.log(`  ${language.padEnd(8)} ${parts.join('; ')}`);
      }
    }
    const missing = missingEntries(grid);
    const unwritten = grid.features.flatMap((f) => grid.languages.flatMap((l) => grid.targets.filter((t) => grid.entries[f]![l]![t]!.state === 'not-written').map((t) => `${f} ${l} ${t}`)));
    console.log(`\ncoverage: ${missing.length} missing${missing.length ? `: ${missing.map((m) => `${m.feature} ${m.language} ${m.target}`).join(', ')}` : ''}`);
    console.log(`not written (a route exists, no guest takes it yet): ${unwritten.length}${unwritten.length ? `: ${unwritten.join(', ')}` : ''}`);
    return missing.length ? 1 : 0;
  }
  const inv = await inventory(ROOT, matrix);
  const rows: string[][] = [];
  const why: string[] = [];
  const add = (kind: string, id: string, d: Detection, t: Record<string, Support>) => {
    rows.push([kind, id, d.available ? 'found' : 'MISSING', d.available ? d.version : '-', d.available ? (d.path ?? '') : '', targets(t)]);
    if (!d.available) why.push(`${id}: ${d.reason}${d.hint ? `\n    get it: ${d.hint}` : ''}`);
  };
  for (const [id, t] of inv.toolchains) add('toolchain', id, t.detection, t.toolchain.targets);
  for (const [id, r] of inv.runtimes) add('runtime', id, r.detection, r.adapter.targets);
  const header = ['kind', 'id', 'state', 'version', 'path', 'targets'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const r of [header, ...rows]) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd());
  if (why.length) console.log(`\nmissing:\n  ${why.join('\n  ')}`);
  return 0;
});
