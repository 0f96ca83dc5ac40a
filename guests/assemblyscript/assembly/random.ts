// crypto.getRandomValues (WASI random_get through the shim; a failure aborts) gives non-zero
// bytes that differ between draws, up to 256 at once.
import { Checks } from "./check";
import { random_get } from "bindings/wasi_snapshot_preview1";

function nonzero(b: Uint8Array): bool {
  for (let i = 0; i < b.length; i++) if (b[i] != 0) return true;
  return false;
}

function same(x: Uint8Array, y: Uint8Array): bool {
  for (let i = 0; i < x.length; i++) if (x[i] != y[i]) return false;
  return true;
}

const c = new Checks();
const x = new Uint8Array(32), y = new Uint8Array(32), big = new Uint8Array(256);
const probe = new ArrayBuffer(32);
const rc = random_get(changetype<usize>(probe), 32);
c.check(rc == 0, "getentropy", "random_get errno " + rc.toString());
crypto.getRandomValues(x);
crypto.getRandomValues(y);
c.check(nonzero(x) && nonzero(y), "nonzero", "a 32-byte draw was all zero");
c.check(!same(x, y), "differ", "two 32-byte draws were equal");
crypto.getRandomValues(big);
c.check(nonzero(big), "max-request", "a 256-byte draw was all zero");
c.finish();
