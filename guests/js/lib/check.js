// Sub-check reporting for JS guests, written through wasi:cli/stdout directly.
import { getStdout } from 'wasi:cli/stdout@0.2.12';

const encoder = new TextEncoder();
let failures = 0;

export function out(text) {
  const bytes = typeof text === 'string' ? encoder.encode(text) : text;
  const stream = getStdout();
  // blocking-write-and-flush takes at most 4096 bytes at a time.
  for (let i = 0; i < bytes.length; i += 4096) stream.blockingWriteAndFlush(bytes.subarray(i, i + 4096));
}

export function check(ok, name, detail = '') {
  if (ok) out(`ok ${name}\n`);
  else {
    failures++;
    out(`not ok ${name} # ${typeof detail === 'function' ? detail() : detail}\n`);
  }
}

export function status() {
  return failures === 0 ? 0 : 1;
}

/** Runs fn; returns [value, null] or [null, error] — WASI calls throw their error codes. */
export function attempt(fn) {
  try {
    return [fn(), null];
  } catch (e) {
    return [null, e?.payload ?? e];
  }
}


