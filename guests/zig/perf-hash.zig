//! CPU-bound integer kernel: FNV-1a (64-bit) over a xorshift-filled buffer, repeated.
//! argv: buffer KiB, rounds, and the checksum (hex) those give (suites/perf/hash.yaml).
const std = @import("std");
const check = @import("check.zig");
const Checks = check.Checks;

pub fn main(init: std.process.Init) !u8 {
    var out: [128]u8 = undefined;
    var c = Checks.init(init.io, &out);
    const p = check.params(init, &c, 3, "perf-hash KIB ROUNDS EXPECTED") orelse return 1;
    const kib = std.fmt.parseInt(usize, p[0], 10) catch 0;
    const rounds = std.fmt.parseInt(usize, p[1], 10) catch 0;
    const expected = std.fmt.parseInt(u64, p[2], 16) catch 0;
    const buf = try init.gpa.alloc(u8, kib * 1024);
    defer init.gpa.free(buf);
    var x: u64 = 0x9E3779B97F4A7C15;
    for (buf) |*b| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        b.* = @truncate(x >> 24);
    }
    var h: u64 = 0xcbf29ce484222325;
    for (0..rounds) |_| {
        for (buf) |b| {
            h ^= b;
            h *%= 0x100000001b3;
        }
    }
    c.check(h == expected, "checksum", "got {x}", .{h});
    return c.status();
}
