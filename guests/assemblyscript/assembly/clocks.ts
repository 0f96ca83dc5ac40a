// Monotonic clock (process.hrtime) increases across a sleep; realtime (Date.now) is plausible and
// advances. The shim has no sleep: poll_oneoff on a relative clock subscription is WASI's.
import { Checks } from "./check";
import { clock_res_get, clockid, eventtype, poll_oneoff, subscription_clock } from "bindings/wasi_snapshot_preview1";

const c = new Checks();
const sub = memory.data(48);
const out = memory.data(64);

function nap(ms: u64): void {
  memory.fill(sub, 0, 48);
  store<u8>(sub, eventtype.CLOCK, 8);
  const clock = changetype<subscription_clock>(sub);
  clock.clock_id = clockid.MONOTONIC;
  clock.timeout = ms * 1000000;
  poll_oneoff(sub, out, 1, out + 32);
}

const a = process.hrtime();
nap(20);
const b = process.hrtime();
c.check(b > a, "monotonic-increases", "before=" + a.toString() + " after=" + b.toString());
c.check(b - a >= 15000000, "monotonic-sleep", "20 ms sleep advanced " + (b - a).toString() + " ns");
const rc = clock_res_get(clockid.MONOTONIC, out);
const res = load<u64>(out);
c.check(rc == 0 && res > 0 && res <= 1000000, "monotonic-resolution", "rc=" + rc.toString() + " res=" + res.toString() + " ns");

const now = Date.now();
// 2025-01-01 .. 2100-01-01, in ms
c.check(now > 1735689600000 && now < 4102444800000, "realtime-plausible", "ms=" + now.toString());
nap(20);
const later = Date.now();
c.check(later > now, "realtime-advances", "before=" + now.toString() + " after=" + later.toString());
c.finish();
