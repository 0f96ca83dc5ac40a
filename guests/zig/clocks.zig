//! Monotonic clock increases across a sleep; realtime is a plausible date and advances.
const std = @import("std");
const Checks = @import("check.zig").Checks;

pub fn main(init: std.process.Init) !u8 {
    const io = init.io;
    var buf: [512]u8 = undefined;
    var c = Checks.init(io, &buf);
    const nap = std.Io.Duration.fromMilliseconds(20);

    const a = std.Io.Clock.awake.now(io).toNanoseconds();
    try io.sleep(nap, .awake);
    const b = std.Io.Clock.awake.now(io).toNanoseconds();
    c.check(b > a, "monotonic-increases", "before={d} after={d}", .{ a, b });
    c.check(b - a >= 15 * std.time.ns_per_ms, "monotonic-sleep", "20 ms sleep advanced {d} ns", .{b - a});
    const res = std.Io.Clock.awake.resolution(io);
    c.check(if (res) |r| r.toNanoseconds() > 0 and r.toNanoseconds() <= std.time.ns_per_ms else |_| false, "monotonic-resolution", "{any}", .{res});

    const now = std.Io.Clock.real.now(io);
    // 2025-01-01 .. 2100-01-01
    c.check(now.toSeconds() > 1735689600 and now.toSeconds() < 4102444800, "realtime-plausible", "sec={d}", .{now.toSeconds()});
    try io.sleep(nap, .awake);
    const later = std.Io.Clock.real.now(io);
    c.check(later.toNanoseconds() > now.toNanoseconds(), "realtime-advances", "before={d} after={d}", .{ now.toNanoseconds(), later.toNanoseconds() });
    return c.status();
}
