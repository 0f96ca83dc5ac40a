//! Directory operations inside the preopened directory named by argv[1]; the fixture holds
//! listing/ with exactly a.txt, b.txt and c.txt. What this leaves behind (made/ kept, gone/
//! removed, listing/ intact) is checked on the host by suites/fs/dirs.yaml.
const std = @import("std");
const check = @import("check.zig");

pub fn main(init: std.process.Init) !u8 {
    const io = init.io;
    var buf: [512]u8 = undefined;
    var c = check.Checks.init(io, &buf);
    const dir = check.preopen(init, &c) orelse return 2;

    var files: u32 = 0;
    var other: u32 = 0;
    const listed: anyerror!void = blk: {
        const sub = dir.openDir(io, "listing", .{ .iterate = true }) catch |e| break :blk e;
        defer sub.close(io);
        var it = sub.iterate();
        while (it.next(io) catch |e| break :blk e) |entry| {
            const known = for ([_][]const u8{ "a.txt", "b.txt", "c.txt" }) |n| {
                if (std.mem.eql(u8, entry.name, n)) break true;
            } else false;
            if (known) files += 1 else other += 1;
        }
    };
    c.check(check.succeeded(listed) and files == 3 and other == 0, "readdir", "{any} files={d} other={d}", .{ listed, files, other });

    const made = dir.createDir(io, "made", .default_dir);
    const isdir = if (dir.statFile(io, "made", .{})) |s| s.kind == .directory else |_| false;
    c.check(isdir, "mkdir", "{any} isdir={}", .{ made, isdir });

    const mk = dir.createDir(io, "gone", .default_dir);
    const rm = dir.deleteDir(io, "gone");
    const gone = dir.access(io, "gone", .{}) == error.FileNotFound;
    c.check(check.succeeded(mk) and gone, "rmdir", "mkdir {any}, rmdir {any}, still there={}", .{ mk, rm, !gone });

    const busy = dir.deleteDir(io, "listing");
    c.check(busy == error.DirNotEmpty, "rmdir-nonempty-fails", "{any}", .{busy});
    return c.status();
}
