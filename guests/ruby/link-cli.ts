/** `link-cli.ts <interpreter.wasm> <out.wasm>`: link.ts as a build step of its own. */
import { readFileSync, writeFileSync } from 'node:fs';
import { linkRuby } from './link.ts';

const [core, out] = process.argv.slice(2);
if (!core || !out) {
  console.error('usage: link-cli.ts <interpreter.wasm> <out.wasm>');
  process.exit(2);
}
const linked = linkRuby(readFileSync(core));
writeFileSync(out, linked.wasm);
console.log(`stubbed ${linked.stubbed.length} JS-bridge imports (trap if called): ${linked.stubbed.join(', ')}`);
