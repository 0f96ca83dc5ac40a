// npm run doctor: what this machine has of every toolchain and runtime in matrix.yaml.
import { parseFlags } from '../src/cli-args.ts';
import { inventory } from '../src/inventory.ts';
import { main } from '../src/main-errors.ts';
import { loadMatrix } from '../src/matrix.ts';
import { ROOT } from '../src/paths.ts';
import type { Detection, Support } from '../src/types.ts';

const targets = (t: Record<string, Support>) => Object.entries(t).filter(([, s]) => s.ok).map(([id]) => id).join(' ') || '-';

await main('doctor', async () => {
  const { values } = parseFlags(process.argv.slice(2), {});
  if (values.help) {
    console.log('Usage: npm run doctor\n\nLists every toolchain and runtime in matrix.yaml: found or missing, version, path, targets.');
    return 0;
  }
  const matrix = loadMatrix(ROOT);
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
