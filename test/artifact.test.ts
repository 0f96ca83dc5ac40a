import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { artifactKind, checkArtifact } from '../src/artifact.ts';
import { tempDir } from './temp.ts';

const module = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
const component = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]);

test.for([
  ['module', module, 'module'],
  ['component', component, 'component'],
  ['text', new TextEncoder().encode('(module)'), 'not wasm'],
  ['short', Uint8Array.from([0x00, 0x61]), 'not wasm'],
] as const)('%s preamble', ([, bytes, kind]) => {
  expect(artifactKind(bytes)).toBe(kind);
});

test('a p3 target needs a component that names 0.3 interfaces', async () => {
  const dir = tempDir('artifact-');
  const p2 = join(dir, 'p2.wasm');
  const p3 = join(dir, 'p3.wasm');
  writeFileSync(p2, Buffer.concat([component, Buffer.from('wasi:cli/run@0.2.6')]));
  writeFileSync(p3, Buffer.concat([component, Buffer.from('wasi:cli/run@0.3.0')]));
  const spec = { kind: 'component' as const, requires: '@0.3.' };
  expect(await checkArtifact(p2, 'p3', spec)).toMatch(/names none/);
  expect(await checkArtifact(p3, 'p3', spec)).toBeNull();
  expect(await checkArtifact(p3, 'p1', { kind: 'module' })).toMatch(/wants a module, the toolchain produced a component/);
});
