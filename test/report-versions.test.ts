import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, expect, test } from 'vitest';
import { ROOT } from '../src/paths.ts';
import { renderChanges, renderGrid, renderTimeline, versionAxes } from '../src/report/versions.ts';
import { result } from './fixtures/results.ts';

const CHROMIUM = '/usr/bin/chromium';
let browser: Browser | undefined;
afterAll(async () => browser?.close());

async function open(file: string) {
  browser ??= await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const tab = await browser.newPage();
  await tab.goto(pathToFileURL(file).href);
  return tab;
}

const shots = join(ROOT, 'reports', 'test-runs');
const linked = 'component imports instance `wasi:cli/environment@0.3.0-rc-2026-01-06`, but a matching implementation was not found in the linker';

// Columns given out of order, as runs deliver them; hosted columns carry the host in their version.
const results = [
  result('cli/args|c|p1|wasmtime@49.0.3', 'PASS'),
  result('cli/args|c|p1|wasmtime@42.0.1', 'FAIL', { reason: 'exit code 1, expected 0' }),
  result('cli/args|c|p1|wasmtime@43.0.1', 'PASS'),
  result('cli/env|c|p1|wasmtime@42.0.1', 'PASS'),
  result('cli/env|c|p1|wasmtime@43.0.1', 'PASS'),
  result('cli/env|c|p1|wasmtime@49.0.3', 'CRASH', { reason: 'wasm trap: unreachable' }),
  result('cli/args|c|p1|jco+node24.21.0', 'PASS', { runtime: 'jco', runtimeVersion: '1.35.0+node24.21.0' }),
  result('cli/args|c|p1|jco', 'CRASH', { runtime: 'jco', runtimeVersion: '1.35.0+node20.20.2' }),
  result('cli/args|python|p3@rc-2026-01-06|wasmtime@42.0.1', 'PASS', { toolchainVersion: 'componentize-py 0.21.0' }),
  result('cli/args|python|p3@rc-2026-01-06|wasmtime@49.0.3', 'CRASH', { reason: linked, toolchainVersion: 'componentize-py 0.21.0' }),
  result('cli/args|python|p3|wasmtime@42.0.1', 'CRASH', { reason: 'component imports instance `wasi:cli/environment@0.3.0`', toolchainVersion: 'componentize-py 0.25.1' }),
  result('cli/args|python|p3|wasmtime@49.0.3', 'PASS', { toolchainVersion: 'componentize-py 0.25.1' }),
  result('cli/args|python|p3|wasmtime@43.0.1', 'UNAVAILABLE', { reasonKind: 'not-installed', runtimeVersion: null }),
];

test('each runtime’s columns are ordered by version, then by the version of the Node hosting them', () => {
  const axes = versionAxes(results);
  expect(axes.get('wasmtime')).toEqual(['wasmtime@42.0.1', 'wasmtime@43.0.1', 'wasmtime@49.0.3']);
  expect(axes.get('jco')).toEqual(['jco', 'jco+node24.21.0']);
});

test('the timeline and change pages open in Chromium: versions in order, first and last pass, each step linked to its changes', async (ctx) => {
  if (!existsSync(CHROMIUM)) return ctx.skip(`${CHROMIUM} is not installed (npm run provision installs it)`);
  const dir = mkdtempSync(join(tmpdir(), 'versions-'));
  writeFileSync(join(dir, 'timeline.html'), renderTimeline(results));
  writeFileSync(join(dir, 'changes.html'), renderChanges(results));
  const tab = await open(join(dir, 'timeline.html'));
  const head = tab.locator('#wasmtime table.timeline thead tr').first().locator('th');
  expect(await head.allTextContents()).toEqual(['feature', 'language', 'wasmtime@42.0.1', 'wasmtime@43.0.1', 'wasmtime@49.0.3', 'first pass', 'last pass']);
  const row = tab.locator('tr[data-row="wasmtime|cli.x|c"] td');
  // cli/args and cli/env fold into one feature row: the worst of the two at each version.
  expect(await row.allTextContents()).toEqual(['F', 'P', 'C', 'wasmtime@43.0.1', 'wasmtime@43.0.1']);
  expect(await tab.locator('#jco tr[data-row="jco|cli.x|c"] td').allTextContents()).toEqual(['C', 'P', 'jco+node24.21.0', 'jco+node24.21.0']);
  mkdirSync(shots, { recursive: true });
  await tab.screenshot({ path: join(shots, 'timeline.png'), fullPage: true });

  await tab.locator('#wasmtime a[href^="changes.html#"]').last().click();
  await expect.poll(() => tab.url()).toContain('changes.html#wasmtime@43.0.1..wasmtime@49.0.3');
  const step = tab.locator('section[id="wasmtime@43.0.1..wasmtime@49.0.3"]');
  expect(await step.locator('li[data-change="regressed"]').allTextContents()).toEqual(['regressed cli/env|c|p1|wasmtime: PASS → CRASH — wasm trap: unreachable']);
  const up = tab.locator('section[id="wasmtime@42.0.1..wasmtime@43.0.1"] li[data-change="improved"]');
  expect(await up.allTextContents()).toEqual(['improved cli/args|c|p1|wasmtime: FAIL → PASS — exit code 1, expected 0']);
});

test('the snapshot grid opens in Chromium: snapshots in release order by runtime version, off-diagonal failures in the runtime’s words', async (ctx) => {
  if (!existsSync(CHROMIUM)) return ctx.skip(`${CHROMIUM} is not installed (npm run provision installs it)`);
  const dir = mkdtempSync(join(tmpdir(), 'grid-'));
  writeFileSync(join(dir, 'grid.html'), renderGrid(results));
  const tab = await open(join(dir, 'grid.html'));
  expect(await tab.locator('#grid thead th').allTextContents()).toEqual(["guest's snapshot", 'built by', 'wasmtime@42.0.1', 'wasmtime@49.0.3']);
  expect(await tab.locator('#grid tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-target')))).toEqual(['p3@rc-2026-01-06', 'p3']);
  const rc = tab.locator('tr[data-target="p3@rc-2026-01-06"] td');
  expect(await rc.evaluateAll((tds) => tds.map((td) => td.className))).toEqual(['s-PASS', 's-CRASH']);
  expect(await tab.locator('tr[data-target="p3@rc-2026-01-06"] th').allTextContents()).toEqual(['p3@rc-2026-01-06', 'componentize-py 0.21.0']);
  expect(await rc.nth(1).textContent()).toBe('0/1 [1]');
  await tab.click('tr[data-target="p3@rc-2026-01-06"] td a');
  expect(await tab.locator('#n1').textContent()).toContain(linked);
  mkdirSync(shots, { recursive: true });
  await tab.screenshot({ path: join(shots, 'grid.png'), fullPage: true });
});
