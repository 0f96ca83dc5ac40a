//! Paths that leave the preopened directory (argv[1]) must not open. The fixture puts
//! outside/secret.txt beside the preopened directory on the host. Zig's own WASI layer opens
//! paths against a preopen's handle, so each escape is tried from the preopen.
const std = @import("std");
const check = @import("check.zig");

pub fn main(init: std.process.Init) !u8 {
    const io = init.io;
    var buf: [512]u8 = undefined;
    var c = check.Checks.init(io, &buf);
    const dir = check.preopen(init, &c) orelse return 2;

    const inside = dir.openFile(io, "inside.txt", .{});
    c.check(check.succeeded(inside), "inside-opens", "{any}", .{inside});
    if (inside) |f| f.close(io) else |_| {}

    for ([_][2][]const u8{
        .{ "escape-dotdot", "../outside/secret.txt" },
        .{ "escape-absolute", "/outside/secret.txt" },
        .{ "escape-host-root", "/etc/passwd" },
    }) |probe| {
        const f = dir.openFile(io, probe[1], .{});
        c.check(!check.succeeded(f), probe[0], "opened {s}", .{probe[1]});
        if (f) |h| h.close(io) else |_| {}
    }
    return c.status();
}
