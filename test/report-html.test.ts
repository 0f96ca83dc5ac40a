import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, expect, test } from 'vitest';
import { ROOT } from '../src/paths.ts';
import { renderHtml } from '../src/report/html.ts';
import { result } from './fixtures/results.ts';
import { tempDir } from './temp.ts';

const CHROMIUM = '/usr/bin/chromium';
let browser: Browser | undefined;
afterAll(async () => browser?.close());

test('the report page opens in Chromium, a filter narrows it, and a cell shows its evidence', async (ctx) => {
  if (!existsSync(CHROMIUM)) return ctx.skip(`${CHROMIUM} is not installed (npm run provision installs it)`);
  const page = join(tempDir('html-'), 'index.html');
  writeFileSync(page, renderHtml([
    result('cli/args|c|p1|node-wasi', 'PASS'),
    result('cli/args|c|p1|wasmtime@49.0.3', 'FAIL'),
    result('cli/args|go|p1|node-wasi', 'PASS'),
    result('fs/files|go|p2+adapter|jco', 'CRASH', { stderr: 'trap: unreachable' }),
  ], 'fixture'));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const tab = await browser.newPage();
  await tab.goto(pathToFileURL(page).href);
  await expect.poll(() => tab.locator('#grid tbody tr').count()).toBe(3);
  await expect.poll(() => tab.locator('#count').textContent()).toBe('4 cells');

  await tab.selectOption('#f-language', 'go');
  await expect.poll(() => tab.locator('#grid tbody tr').count()).toBe(2);
  expect(await tab.locator('#grid tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-language')))).toEqual(['go', 'go']);
  expect(await tab.locator('#grid thead th').allTextContents()).toEqual(['case · language · target', 'jco', 'node-wasi']);

  await tab.click('[data-key="fs/files|go|p2+adapter|jco"]');
  await expect.poll(() => tab.locator('#evidence').isVisible()).toBe(true);
  expect(await tab.locator('#detail').textContent()).toContain('trap: unreachable');
  const shots = join(ROOT, 'reports', 'test-runs');
  mkdirSync(shots, { recursive: true });
  await tab.screenshot({ path: join(shots, 'report-html.png') });
});
