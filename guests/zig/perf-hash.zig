//! CPU-bound integer kernel: FNV-1a (64-bit) over a 1 MiB xorshift-filled buffer, 200 rounds.
const std = @import("std");
const Checks = @import("check.zig").Checks;

const size = 1 << 20;
const rounds = 200;
const expected: u64 = 0x8e0f2d2f48b6f465;

pub fn main(init: std.process.Init) !u8 {
    var out: [128]u8 = undefined;
    var c = Checks.init(init.io, &out);
    const buf = try init.gpa.alloc(u8, size);
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
