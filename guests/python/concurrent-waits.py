"""Two WASI 0.3 waits awaited together must overlap; awaited one after the other, they add up."""
import asyncio
from wit_world.imports import monotonic_clock
from check import check, status

WAIT_NS = 300_000_000


async def main():
    t0 = monotonic_clock.now()
    await asyncio.gather(monotonic_clock.wait_for(WAIT_NS), monotonic_clock.wait_for(WAIT_NS))
    together = monotonic_clock.now() - t0
    t0 = monotonic_clock.now()
    await monotonic_clock.wait_for(WAIT_NS)
    await monotonic_clock.wait_for(WAIT_NS)
    apart = monotonic_clock.now() - t0
    check(WAIT_NS <= together < 1.5 * WAIT_NS, "overlap", f"two concurrent waits took {together / 1e6:.0f} ms")
    check(apart >= 2 * WAIT_NS, "sequential-baseline", f"two sequential waits took {apart / 1e6:.0f} ms")
    return status()
