//! Writes a marker line to stderr; the case checks it arrived there and not on stdout.
const std = @import("std");
const Checks = @import("check.zig").Checks;

pub fn main(init: std.process.Init) !u8 {
    var buf: [256]u8 = undefined;
    var c = Checks.init(init.io, &buf);
    var ebuf: [64]u8 = undefined;
    var err = std.Io.File.stderr().writer(init.io, &ebuf);
    const res = if (err.interface.writeAll("wasi-matrix-stderr-marker\n")) err.interface.flush() else |e| e;
    c.check(res != error.WriteFailed, "stderr-write", "write failed: {any}", .{err.err});
    return c.status();
}
