//! Random bytes from the host (no fallback) are not all zero and differ between calls.
const std = @import("std");
const check = @import("check.zig");
const Checks = check.Checks;

fn nonzero(b: []const u8) bool {
    return for (b) |x| {
        if (x != 0) break true;
    } else false;
}

pub fn main(init: std.process.Init) !u8 {
    const io = init.io;
    var buf: [512]u8 = undefined;
    var c = Checks.init(io, &buf);
    var x: [32]u8 = undefined;
    var y: [32]u8 = undefined;
    var big: [256]u8 = undefined;
    const r1 = io.randomSecure(&x);
    const r2 = io.randomSecure(&y);
    c.check(check.succeeded(r1) and check.succeeded(r2), "getentropy", "{any} {any}", .{ r1, r2 });
    c.check(nonzero(&x) and nonzero(&y), "nonzero", "a 32-byte draw was all zero", .{});
    c.check(!std.mem.eql(u8, &x, &y), "differ", "two 32-byte draws were equal", .{});
    const r3 = io.randomSecure(&big);
    c.check(check.succeeded(r3) and nonzero(&big), "max-request", "{any}", .{r3});
    return c.status();
}
