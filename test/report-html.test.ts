import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, expect, test } from 'vitest';
import { ROOT } from '../src/paths.ts';
import type { PerfBench, PerfCell } from '../src/bench-perf.ts';
import { renderClaims } from '../src/report/claims.ts';
import { renderHtml } from '../src/report/html.ts';
import { renderOverview } from '../src/report/overview.ts';
import { loadRuns } from '../src/report/runs.ts';
import { writeReports } from '../src/report/write.ts';
import { judgeRun, newestPublication } from '../src/report/publication.ts';
import { headJudge } from '../src/freshness.ts';
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

test('a PASS whose negative control passed a check it was to fail reads "unproven" in the grid and its evidence', async (ctx) => {
  if (!existsSync(CHROMIUM)) return ctx.skip(`${CHROMIUM} is not installed (npm run provision installs it)`);
  const dir = mkdtempSync(join(tmpdir(), 'html-'));
  const control = (unproven: string[]) => ({ grant: 'network' as const, status: unproven.length ? 'PASS' as const : 'FAIL' as const, failedChecks: [], flipped: !unproven.length, unproven });
  const page = renderHtml([
    result('sockets/network-off|c|p2|jco', 'PASS', { controls: [control(['peer-untouched'])] }),
    result('sockets/network-off|rust|p2|jco', 'PASS', { controls: [control([])] }),
  ], 'fixture');
  write(dir, { 'cells.html': page.html, ...page.chunks });
  const tab = await open(join(dir, 'cells.html'));
  await expect.poll(() => tab.locator('#grid tbody a').allTextContents()).toEqual(['P?', 'P']);
  await tab.click('[data-key="sockets/network-off|c|p2|jco"]');
  await expect.poll(() => tab.locator('#detail').textContent()).toContain('unproven peer-untouched');
  expect(await tab.locator('#detail').textContent()).toContain('grant network: PASS, passed peer-untouched (unproven)');
  await tab.click('#close');
  await tab.click('[data-key="sockets/network-off|rust|p2|jco"]');
  await expect.poll(() => tab.locator('#detail').textContent()).toContain('grant network: FAIL, failed what it was to fail');
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
  const run = newestPublication(runs) ?? runs.at(-1)!;
  const w = await writeReports(ROOT, { run, ...judgeRun(run, headJudge(ROOT, run)) }, runs, out);
  for (const page of w.files.filter((f) => f.endsWith('.html'))) expect(statSync(page).size, page).toBeLessThan(1 << 20);
  // Every page names the one run it shows, and how many of its cells are stale.
  for (const page of w.files.filter((f) => /\.(html|md|xml)$/.test(f) && !f.includes('/evidence/'))) {
    expect(readFileSync(page, 'utf8'), page).toMatch(new RegExp(`From run ${run.provenance.runId} \\(commit .*; (0 stale cells|\\d+ stale cell\\(s\\))`));
  }
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

test('the claims page: every claim with its verdict, the per-runtime figures, its charts drawn, evidence linked to the cell grid', async (ctx) => {
  if (!existsSync(CHROMIUM)) return ctx.skip(`${CHROMIUM} is not installed (npm run provision installs it)`);
  const timing = (ms: number) => ({ medianMs: ms, meanMs: ms, stddevMs: 0, minMs: ms, maxMs: ms, runs: 3 });
  const cell = (kase: string, feature: string, runtime: string, size: string, ms: number, native: number, rss: number): PerfCell => ({
    key: `perf/${kase}|c|p1|${runtime}`, suite: 'perf', case: kase, language: 'c', target: 'p1', features: [feature], runtime: runtime.split('@')[0]!,
    runtimeLabel: runtime, runtimeVersion: runtime.split('@')[1] ?? null, artifactBytes: 20_000, size, argv: [], sameArgv: true,
    timings: { native: timing(native), runtime: timing(ms) }, ratios: { runtime: ms / native }, rssKiB: { native: 1500, runtime: rss }, runId: 'r1',
  });
  const at = { at: '2026-01-01T00:00:00Z', runId: 'r1', runFile: 'r1.json', size: 'full', cores: 2, loadavg: { before: [1], after: [1] }, tools: { hyperfine: 'hyperfine 1.15.0', time: 'time 1.9' } };
  const perf: PerfBench = {
    ...at, runs: [at, { ...at, runId: 'r2', size: 'tiny' }], natives: [{ language: 'c', guest: 'perf-empty', bytes: 16_000 }],
    cells: [
      cell('empty', 'perf.cold-start', 'wasmtime@49.0.3', 'full', 6, 0.5, 20_000), cell('hash', 'perf.cpu-int', 'wasmtime@49.0.3', 'full', 120, 100, 30_000),
      cell('empty', 'perf.cold-start', 'pywasm@2.2.3', 'tiny', 400, 0.5, 18_000), cell('hash', 'perf.cpu-int', 'pywasm@2.2.3', 'tiny', 900, 1, 20_000),
    ],
    untimed: [],
  };
  const results = [result('cli/args|go|p1|wasmtime@49.0.3', 'PASS'), result('threads/spawn|c|p1|wasmtime@49.0.3', 'UNSUPPORTED', { features: ['threads.x'], reason: 'wasi-threads removed in 47' })];
  const { html, svgs } = renderClaims(perf, results);
  const dir = mkdtempSync(join(tmpdir(), 'claims-'));
  write(dir, { 'claims.html': html, ...svgs });
  const tab = await open(join(dir, 'claims.html'));
  const quotes = await tab.locator('#claims td.quote').allTextContents();
  expect(quotes).toEqual(expect.arrayContaining(['“cold start < 1 ms on a native runtime”', '“CPU-bound code runs 1.1–1.3× slower than native”', '“95% of native speed”',
    '“< 1 MB idle memory”', '“85% smaller images”', '“Go needs TinyGo”', '“Python is browser-only via Pyodide”', '“Java has no WASI target”', '“no threads in WASI”', '“network I/O trails”']));
  // 6 ms and 400 ms starts are both over 1 ms; a CPU ratio of 1.2 holds beside 900 does not.
  expect(await tab.locator('#claims tr', { hasText: 'cold start < 1 ms' }).locator('.verdict').textContent()).toBe("doesn't");
  expect(await tab.locator('#claims tr', { hasText: '1.1–1.3×' }).locator('.verdict').textContent()).toBe('depends');
  expect(await tab.locator('#claims tr', { hasText: '1.1–1.3×' }).textContent()).toContain('pywasm@2.2.3 (tiny size) ×900');
  expect(await tab.locator('#figures tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-runtime')))).toEqual(['pywasm@2.2.3', 'wasmtime@49.0.3']);
  expect(await tab.locator('#figures tr[data-runtime="pywasm@2.2.3"] td').allTextContents()).toEqual(['tiny', '400', '0.5', '900', '—', '—', '—', '17.6']);
  expect(await tab.locator('#sizes tbody tr').first().locator('th, td').allTextContents()).toEqual(['c', 'perf-empty', '16000', '20000']);
  // Every chart the claims name is drawn (an image that did not load has no natural width).
  const images = tab.locator('figure img');
  expect(await images.count()).toBe(Object.keys(svgs).length);
  await expect.poll(() => images.evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0))).toBe(true);
  await tab.locator('#claims tr', { hasText: '95% of native speed' }).getByRole('link', { name: 'chart' }).click();
  await expect.poll(() => tab.url()).toMatch(/#chart-cpu-overhead$/);
  expect(await tab.locator('#claims tr', { hasText: 'cold start < 1 ms' }).locator('td.evidence a').first().getAttribute('href'))
    .toBe('cells.html#language=c&runtime=wasmtime%4049.0.3&feature=perf.cold-start');
  mkdirSync(shots, { recursive: true });
  await tab.screenshot({ path: join(shots, 'claims.png'), fullPage: true });
});
