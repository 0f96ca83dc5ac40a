//! Receives the arguments declared by suites/cli/args.yaml and compares them.
const std = @import("std");
const Checks = @import("check.zig").Checks;

pub fn main(init: std.process.Init) !u8 {
    var buf: [512]u8 = undefined;
    var c = Checks.init(init.io, &buf);
    const a = try init.minimal.args.toSlice(init.arena.allocator());
    const at = struct {
        fn f(list: []const [:0]const u8, i: usize) []const u8 {
            return if (i < list.len) list[i] else "(none)";
        }
    }.f;
    c.check(a.len == 4, "argc", "argc={d}, want 4", .{a.len});
    c.check(a.len > 0 and a[0].len > 0, "argv0-present", "argv[0] empty", .{});
    c.check(std.mem.eql(u8, at(a, 1), "alpha"), "argv-plain", "argv[1]={s}", .{at(a, 1)});
    c.check(std.mem.eql(u8, at(a, 2), "beta gamma"), "argv-space", "argv[2]={s}", .{at(a, 2)});
    c.check(std.mem.eql(u8, at(a, 3), "ünicøde"), "argv-utf8", "argv[3]={s}", .{at(a, 3)});
    return c.status();
}
