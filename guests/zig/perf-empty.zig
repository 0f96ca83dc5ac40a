//! Cold start: a program that only says it ran (one line, so a run tells from a no-op), timed from process start to exit.
const std = @import("std");
const Checks = @import("check.zig").Checks;

pub fn main(init: std.process.Init) u8 {
    var buf: [64]u8 = undefined;
    var c = Checks.init(init.io, &buf);
    c.check(true, "started", "", .{});
    return c.status();
}
