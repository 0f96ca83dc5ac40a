import { existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, expect, test } from 'vitest';
import { ROOT } from '../src/paths.ts';
import { renderHtml } from '../src/report/html.ts';
import { renderOverview } from '../src/report/overview.ts';
import { loadRuns } from '../src/report/runs.ts';
import { writeReports } from '../src/report/write.ts';
import { result, run } from './fixtures/results.ts';

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

function write(dir: string, files: Record<string, string>) {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

const shots = join(ROOT, 'reports', 'test-runs');

test('the cell grid opens in Chromium, a filter narrows it, and a cell loads its evidence on demand', async (ctx) => {
  if (!existsSync(CHROMIUM)) return ctx.skip(`${CHROMIUM} is not installed (npm run provision installs it)`);
  const dir = mkdtempSync(join(tmpdir(), 'html-'));
  const page = renderHtml([
    result('cli/args|c|p1|node-wasi', 'PASS'),
    result('cli/args|c|p1|wasmtime@49.0.3', 'FAIL'),
    result('cli/args|go|p1|node-wasi', 'PASS'),
    result('fs/files|go|p2+adapter|jco', 'CRASH', { stderr: 'trap: unreachable' }),
  ], 'fixture');
  expect(page.html).not.toContain('trap: unreachable');
  write(dir, { 'cells.html': page.html, ...page.chunks });
  const tab = await open(join(dir, 'cells.html'));
  await expect.poll(() => tab.locator('#grid tbody tr').count()).toBe(3);
  await expect.poll(() => tab.locator('#count').textContent()).toBe('4 cells');

  await tab.selectOption('#f-language', 'go');
  await expect.poll(() => tab.locator('#grid tbody tr').count()).toBe(2);
  expect(await tab.locator('#grid tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-language')))).toEqual(['go', 'go']);
  expect(await tab.locator('#grid thead th').allTextContents()).toEqual(['case · language · target', 'jco', 'node-wasi']);

  await tab.click('[data-key="fs/files|go|p2+adapter|jco"]');
  await expect.poll(() => tab.locator('#evidence').isVisible()).toBe(true);
  await expect.poll(() => tab.locator('#detail').textContent()).toContain('trap: unreachable');
  mkdirSync(shots, { recursive: true });
  await tab.screenshot({ path: join(shots, 'report-html.png') });
});

test('the overview: pass fractions per feature × runtime, "not here" apart from "cannot", impossible combinations hidden until asked', async (ctx) => {
  if (!existsSync(CHROMIUM)) return ctx.skip(`${CHROMIUM} is not installed (npm run provision installs it)`);
  const dir = mkdtempSync(join(tmpdir(), 'overview-'));
  const f = { features: ['cli.x'] };
  const html = renderOverview([
    result('cli/a|c|p1|wasmtime@49.0.3', 'PASS', f), result('cli/a|go|p1|wasmtime@49.0.3', 'FAIL', f),
    result('cli/a|c|p1|wamr', 'UNAVAILABLE', f), result('cli/a|go|p1|wamr', 'UNAVAILABLE', f),
    result('cli/a|c|p1|jco', 'UNSUPPORTED', f), result('cli/a|go|p1|jco', 'UNSUPPORTED', f),
  ], { 'cli.x': 'a feature', 'cli.y': 'not measured' }, [run('r1', '2026-01-01T00:00:00Z', [])], 'fixture');
  write(dir, { 'index.html': html });
  const tab = await open(join(dir, 'index.html'));
  await expect.poll(() => tab.locator('#overview thead th').allTextContents()).toEqual(['feature', 'wamr', 'wasmtime@49.0.3']);
  const row = tab.locator('tr[data-feature="cli.x"] td');
  expect(await row.allTextContents()).toEqual(['not here', '1/2']);
  expect(await row.evaluateAll((tds) => tds.map((td) => td.className))).toEqual(['here', 'frac']);
  expect(await tab.locator('tr[data-feature="cli.y"]').count()).toBe(0);

  await tab.check('#impossible');
  await expect.poll(() => tab.locator('#overview thead th').allTextContents()).toEqual(['feature', 'jco', 'wamr', 'wasmtime@49.0.3']);
  expect(await tab.locator('tr[data-feature="cli.x"] td.cannot').textContent()).toBe('cannot');

  await tab.selectOption('#language', 'c');
  await expect.poll(() => tab.locator('tr[data-feature="cli.x"] td.frac').textContent()).toBe('1/1');
  expect(await tab.locator('tr[data-feature="cli.x"] td.frac a').getAttribute('href')).toBe('cells.html#feature=cli.x&runtime=wasmtime%4049.0.3&language=c');
});

test('pages made from the committed runs stay under 1 MB each, evidence apart; the overview screenshot shows the headline features', async (ctx) => {
  const runs = loadRuns(join(ROOT, 'reports', 'runs'), { lazy: true });
  if (!runs.length) return ctx.skip('no committed run files');
  const out = mkdtempSync(join(tmpdir(), 'site-'));
  const w = await writeReports(ROOT, runs, out);
  for (const page of w.files.filter((f) => f.endsWith('.html'))) expect(statSync(page).size, page).toBeLessThan(1 << 20);
  if (!existsSync(CHROMIUM)) return;
  const tab = await open(join(out, 'index.html'));
  await expect.poll(() => tab.locator('#overview tbody tr[data-feature]').count()).toBeGreaterThan(10);
  mkdirSync(shots, { recursive: true });
  await tab.setViewportSize({ width: 1400, height: 1600 });
  await tab.screenshot({ path: join(shots, 'overview.png'), fullPage: true });
  await tab.locator('tr[data-feature="fs.read"] td a').first().click();
  await expect.poll(() => tab.url()).toContain('cells.html#feature=fs.read');
  await expect.poll(() => tab.locator('#count').textContent()).not.toBe('');
  expect(await tab.locator('#f-feature').inputValue()).toBe('fs.read');
}, 60_000);
