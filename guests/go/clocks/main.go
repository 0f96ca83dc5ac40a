// Monotonic clock increases across a sleep; realtime is a plausible date.
package main

import (
	"os"
	"time"

	"wasimatrix/guests/check"
)

// Go's time package has no resolution query; the WASI import answers it directly.
//
//go:wasmimport wasi_snapshot_preview1 clock_res_get
func clockResGet(id uint32, res *uint64) uint32

const monotonic = 1

func main() {
	a := time.Now()
	time.Sleep(20 * time.Millisecond)
	b := time.Now()
	d := b.Sub(a) // monotonic reading
	check.That(d > 0, "monotonic-increases", "delta %v", d)
	check.That(d >= 15*time.Millisecond, "monotonic-sleep", "20 ms sleep advanced %v", d)
	var res uint64
	errno := clockResGet(monotonic, &res)
	check.That(errno == 0 && res > 0 && res <= 1_000_000, "monotonic-resolution", "errno=%d res=%d ns", errno, res)

	now := time.Now().Unix()
	check.That(now > 1735689600 && now < 4102444800, "realtime-plausible", "sec=%d", now)
	t1 := time.Now().Round(0)
	time.Sleep(20 * time.Millisecond)
	t2 := time.Now().Round(0) // wall-clock readings
	check.That(t2.After(t1), "realtime-advances", "%v then %v", t1, t2)
	os.Exit(check.Status())
}
