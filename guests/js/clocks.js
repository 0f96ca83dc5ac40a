// Monotonic clock increases across a sleep; realtime is a plausible date.
import { now as monoNow, resolution, subscribeDuration } from 'wasi:clocks/monotonic-clock@0.2.12';
import { now as wallNow } from 'wasi:clocks/wall-clock@0.2.12';
import { check, status } from './lib/check.js';

const sleep = (ms) => subscribeDuration(BigInt(ms) * 1_000_000n).block();
const wallNs = () => {
  const t = wallNow();
  return t.seconds * 1_000_000_000n + BigInt(t.nanoseconds);
};

export function main() {
  const a = monoNow();
  sleep(20);
  const b = monoNow();
  check(b > a, 'monotonic-increases', `${a} then ${b}`);
  check(b - a >= 15_000_000n, 'monotonic-sleep', `20 ms sleep advanced ${b - a} ns`);
  const res = resolution();
  check(res > 0n && res <= 1_000_000n, 'monotonic-resolution', `res=${res} ns`);
  const sec = wallNow().seconds;
  check(sec > 1735689600n && sec < 4102444800n, 'realtime-plausible', `sec=${sec}`);
  const t1 = wallNs();
  sleep(20);
  const t2 = wallNs();
  check(t2 > t1, 'realtime-advances', `${t1} then ${t2}`);
  return status();
}
