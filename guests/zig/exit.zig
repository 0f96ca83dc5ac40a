//! Exits with the status given as its first argument.
const std = @import("std");
const Checks = @import("check.zig").Checks;

pub fn main(init: std.process.Init) !u8 {
    var buf: [256]u8 = undefined;
    var c = Checks.init(init.io, &buf);
    const a = try init.minimal.args.toSlice(init.arena.allocator());
    c.check(a.len == 2, "exit-arg", "argc={d}", .{a.len});
    if (a.len != 2) return 99;
    std.process.exit(std.fmt.parseInt(u8, a[1], 10) catch 98);
}
