//! Memory-heavy kernel: sorting xorshift-random 32-bit integers with the standard library's sort.
//! argv: how many, and the checksum of the sorted array (suites/perf/sort.yaml).
const std = @import("std");
const check = @import("check.zig");
const Checks = check.Checks;

pub fn main(init: std.process.Init) !u8 {
    var out: [128]u8 = undefined;
    var c = Checks.init(init.io, &out);
    const p = check.params(init, &c, 2, "perf-sort N EXPECTED") orelse return 1;
    const n = std.fmt.parseInt(usize, p[0], 10) catch 0;
    const expected = std.fmt.parseInt(u64, p[1], 10) catch 0;
    const a = try init.gpa.alloc(u32, n);
    defer init.gpa.free(a);
    var x: u64 = 0x9E3779B97F4A7C15;
    for (a) |*v| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        v.* = @truncate(x >> 32);
    }
    std.mem.sortUnstable(u32, a, {}, std.sort.asc(u32));
    // Weighted by position: only the sorted order of these values gives this sum.
    var sum: u64 = 0;
    for (a, 1..) |v, i| sum +%= @as(u64, v) *% i;
    c.check(sum == expected, "checksum", "got {d}", .{sum});
    return c.status();
}
