import type { RuntimePerf } from '../../src/perf-plugins.ts';

// A pure-Python interpreter, some 30 000× slower than native code here (C's hash kernel fills and
// hashes 12 KiB in 0.8 s beyond Python's own start): the tiny size keeps each run near a second.
const perf: RuntimePerf = { size: 'tiny' };

export default perf;
