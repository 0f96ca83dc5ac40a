//! Sees exactly the environment declared by suites/cli/env.yaml, nothing from the host.
const std = @import("std");
const Checks = @import("check.zig").Checks;

pub fn main(init: std.process.Init) !u8 {
    var buf: [512]u8 = undefined;
    var c = Checks.init(init.io, &buf);
    const env = init.environ_map;
    const a = env.get("WASI_MATRIX_A");
    const u = env.get("WASI_MATRIX_UTF8");
    c.check(a != null and std.mem.eql(u8, a.?, "one"), "env-set", "WASI_MATRIX_A={s}", .{a orelse "(unset)"});
    c.check(u != null and std.mem.eql(u8, u.?, "grüß"), "env-utf8", "WASI_MATRIX_UTF8={s}", .{u orelse "(unset)"});
    var extra: ?[]const u8 = null;
    for (env.keys()) |k| {
        const declared = std.mem.eql(u8, k, "WASI_MATRIX_A") or std.mem.eql(u8, k, "WASI_MATRIX_UTF8");
        if (!declared and extra == null) extra = k;
    }
    c.check(extra == null, "env-no-leak", "{d} variables, first undeclared: {s}", .{ env.count(), extra orelse "" });
    return c.status();
}
