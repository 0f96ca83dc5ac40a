//! Memory-heavy kernel: sorting 3M xorshift-random 32-bit integers (12 MB) with the standard library's sort.
const std = @import("std");
const Checks = @import("check.zig").Checks;

const n = 3_000_000;
const expected: u64 = 12647184168537187079;

pub fn main(init: std.process.Init) !u8 {
    var out: [128]u8 = undefined;
    var c = Checks.init(init.io, &out);
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
