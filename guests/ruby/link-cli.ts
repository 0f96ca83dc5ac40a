/** `link-cli.ts <interpreter.wasm> <program.rb> <out.wasm>`: link.ts as a build step of its own. */
import { readFileSync, writeFileSync } from 'node:fs';
import { linkRuby } from './link.ts';

const [core, program, out] = process.argv.slice(2);
if (!core || !program || !out) {
  console.error('usage: link-cli.ts <interpreter.wasm> <program.rb> <out.wasm>');
  process.exit(2);
}
const linked = linkRuby(readFileSync(core), readFileSync(program, 'utf8'));
writeFileSync(out, linked.wasm);
console.log(`stubbed ${linked.stubbed.length} JS-bridge imports (trap if called): ${linked.stubbed.join(', ')}`);
