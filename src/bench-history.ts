import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { readRun } from './results.ts';
import { storeRun } from './store/compact.ts';
import { syntheticNights } from './store/synthetic.ts';

/**
 * History at scale: N synthetic nights made from the largest committed run, stored compactly, then
 * `npm run report` over all of them, timed as a user runs it.
 */
export async function benchHistory(root: string, nights: number) {
  const runsDir = join(root, 'reports', 'runs');
  const largest = readdirSync(runsDir).filter((f) => f.endsWith('.json')).map((f) => join(runsDir, f)).sort((a, b) => statSync(b).size - statSync(a).size)[0];
  if (!largest) throw new Error('no run files in reports/runs to make history from');
  const base = readRun(largest);
  const store = mkdtempSync(join(tmpdir(), 'history-'));
  const t0 = performance.now();
  let bytes = 0;
  for (const night of syntheticNights(base, nights)) bytes += storeRun(store, night).newBytes;
  const storeMs = performance.now() - t0;
  console.log(`history: ${nights} nights of ${base.results.length} cells (from ${largest}) stored in ${(storeMs / 1000).toFixed(1)} s: ${(bytes / 1048576).toFixed(1)} MiB, ${(bytes / nights / 1024).toFixed(0)} KiB per night`);
  const out = mkdtempSync(join(tmpdir(), 'history-report-'));
  const t1 = performance.now();
  const r = await execa('/usr/bin/time', ['-f', '%M %U %S', 'npx', 'tsx', join(root, 'scripts', 'report.ts'), `--runs=${store}`, `--out=${out}`], { cwd: root, all: true });
  const reportMs = performance.now() - t1;
  for (const d of [store, out]) rmSync(d, { recursive: true, force: true });
  const [peakKiB, user, sys] = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number, number];
  const cpuSeconds = +(user + sys).toFixed(1);
  console.log(`history: npm run report over ${nights} nights: ${(reportMs / 1000).toFixed(1)} s wall, ${cpuSeconds} s CPU, peak RSS ${Math.round(peakKiB / 1024)} MiB (${r.stdout.trim().split('\n').at(-1)})`);
  return {
    at: new Date().toISOString(), nights, cellsPerNight: base.results.length, from: largest, cores: cpus().length,
    storedMiB: +(bytes / 1048576).toFixed(2), kibPerNight: Math.round(bytes / nights / 1024), reportSeconds: +(reportMs / 1000).toFixed(1), reportCpuSeconds: cpuSeconds, loadAverage: loadavg()[0], reportPeakRssMiB: Math.round(peakKiB / 1024),
  };
}

