//! Sub-check reporting for Zig guests: one `ok <check>` / `not ok <check> # detail` line each on stdout.
const std = @import("std");

pub const Checks = struct {
    out: std.Io.File.Writer,
    failures: u32 = 0,

    /// Streaming, not the default positional writer: the report must reach a piped stdout on every
    /// runtime (the stdin guest measures the default writer).
    pub fn init(io: std.Io, buffer: []u8) Checks {
        return .{ .out = std.Io.File.stdout().writerStreaming(io, buffer) };
    }

    pub fn check(c: *Checks, cond: bool, name: []const u8, comptime fmt: []const u8, args: anytype) void {
        const w = &c.out.interface;
        if (cond) {
            w.print("ok {s}\n", .{name}) catch {};
        } else {
            c.failures += 1;
            w.print("not ok {s} # " ++ fmt ++ "\n", .{name} ++ args) catch {};
        }
        w.flush() catch {};
    }

    /// The exit status every guest ends with: 1 when any check failed.
    pub fn status(c: *const Checks) u8 {
        return if (c.failures == 0) 0 else 1;
    }
};

/// The preopened directory named by argv[1], as every fs guest is given it.
pub fn preopen(init: std.process.Init, c: *Checks) ?std.Io.Dir {
    const args = init.minimal.args.toSlice(init.arena.allocator()) catch return null;
    if (args.len < 2) {
        c.check(false, "usage", "need the preopen path", .{});
        return null;
    }
    const found = init.preopens.get(args[1]) orelse {
        c.check(false, "usage", "no preopen named {s}", .{args[1]});
        return null;
    };
    return switch (found) {
        .dir => |d| d,
        .file => null,
    };
}

/// Whether an error union holds a value.
pub fn succeeded(r: anytype) bool {
    return if (r) |_| true else |_| false;
}

/// The perf kernels' parameters from argv (suites/perf/*.yaml); a missing one fails the check.
pub fn params(init: std.process.Init, c: *Checks, comptime n: usize, usage: []const u8) ?[n][:0]const u8 {
    const args = init.minimal.args.toSlice(init.arena.allocator()) catch return null;
    if (args.len != n + 1) {
        c.check(false, "checksum", "usage: {s}", .{usage});
        return null;
    }
    return args[1..][0..n].*;
}
