/** A horizontal bar chart as standalone SVG, on a log scale when the values span more than 10×. */
export interface Bar {
  label: string;
  value: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
// 1-2-5 steps from 0.1 to 10⁶: an interpreter's ratio to native runs into the tens of thousands.
const NICE = [-1, 0, 1, 2, 3, 4, 5, 6].flatMap((e) => [1, 2, 5].map((m) => +(m * 10 ** e).toPrecision(1)));

export function barChart(opts: { title: string; unit: string; bars: Bar[]; threshold?: { value: number; label: string } }): string {
  const { bars } = opts;
  const values = [...bars.map((b) => b.value), ...(opts.threshold ? [opts.threshold.value] : [])].filter((v) => v > 0);
  const hi = Math.max(...values, 1) * 1.1;
  const lo = Math.min(...values, 1);
  const log = hi / lo > 10;
  const left = 230;
  const width = 460;
  const row = 22;
  const top = 40;
  const height = top + bars.length * row + 30;
  const lo2 = log ? (NICE.filter((n) => n <= lo).at(-1) ?? lo) : 0;
  const x = (v: number) => left + (log ? (Math.log(Math.max(v, lo2)) - Math.log(lo2)) / (Math.log(hi) - Math.log(lo2)) : v / hi) * width;
  const ticks = log ? NICE.filter((n) => n >= lo2 && n <= hi) : [0, hi / 4, hi / 2, (3 * hi) / 4].map((t) => +t.toPrecision(2));
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${left + width + 90}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<text x="10" y="20" font-size="14" font-weight="bold">${esc(opts.title)}</text>`,
    ...ticks.map((t) => `<line x1="${x(t).toFixed(1)}" y1="${top - 6}" x2="${x(t).toFixed(1)}" y2="${height - 24}" stroke="#ddd"/><text x="${x(t).toFixed(1)}" y="${height - 10}" text-anchor="middle" fill="#666">${t}</text>`),
    ...bars.map((b, i) => {
      const y = top + i * row;
      return `<text x="${left - 6}" y="${y + 14}" text-anchor="end">${esc(b.label)}</text><rect x="${left}" y="${y + 3}" width="${Math.max(1, x(b.value) - left).toFixed(1)}" height="${row - 6}" fill="#4a7ab5"/><text x="${(x(b.value) + 4).toFixed(1)}" y="${y + 14}">${+b.value.toPrecision(3)} ${esc(opts.unit)}</text>`;
    }),
    ...(opts.threshold
      ? [`<line x1="${x(opts.threshold.value).toFixed(1)}" y1="${top - 8}" x2="${x(opts.threshold.value).toFixed(1)}" y2="${height - 24}" stroke="#c33" stroke-dasharray="4 3"/><text x="${(x(opts.threshold.value) + 4).toFixed(1)}" y="${top - 10}" fill="#c33">${esc(opts.threshold.label)}</text>`]
      : []),
    `<text x="${left + width}" y="${height - 10}" text-anchor="end" fill="#666">${log ? 'log scale' : ''}</text>`,
    '</svg>',
  ];
  return `${parts.join('\n')}\n`;
}
