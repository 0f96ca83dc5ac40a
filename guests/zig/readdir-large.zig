//! Creates more entries than one fd_readdir buffer holds, then lists them: the listing must
//! resume from its cookie; a runtime that ignores it repeats entries.
const std = @import("std");
const check = @import("check.zig");

const count = 300;

pub fn main(init: std.process.Init) !u8 {
    const io = init.io;
    var buf: [512]u8 = undefined;
    var c = check.Checks.init(io, &buf);
    const dir = check.preopen(init, &c) orelse return 2;

    dir.createDir(io, "many", .default_dir) catch {};
    var made: u32 = 0;
    var name: [96]u8 = undefined;
    for (0..count) |i| {
        const n = std.fmt.bufPrint(&name, "many/entry-with-a-deliberately-long-name-to-fill-buffers-{d:0>4}", .{i}) catch unreachable;
        const f = dir.createFile(io, n, .{}) catch continue;
        f.close(io);
        made += 1;
    }
    c.check(made == count, "create-entries", "created {d} of {d}", .{ made, count });

    var seen: u32 = 0;
    const listed: anyerror!void = blk: {
        const sub = dir.openDir(io, "many", .{ .iterate = true }) catch |e| break :blk e;
        defer sub.close(io);
        var it = sub.iterate();
        // Bounded: a runtime that ignores cookies would otherwise loop forever.
        while (seen < 10 * count) {
            _ = (it.next(io) catch |e| break :blk e) orelse break;
            seen += 1;
        }
    };
    c.check(seen == count, "readdir-resumes", "listed {d} entries, want {d} ({any})", .{ seen, count, listed });
    return c.status();
}
