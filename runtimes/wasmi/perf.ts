import type { RuntimePerf } from '../../src/perf-plugins.ts';

// An interpreter: the full kernels take it tens of seconds each, the small ones well under one.
const perf: RuntimePerf = { size: 'small' };

export default perf;
