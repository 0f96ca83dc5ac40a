//! File operations inside the preopened directory named by argv[1]; the fixture holds
//! hello.txt = "hello, fixture\n" and unlink-me.txt. What this leaves behind (renamed.txt =
//! "fresh bytes", an empty created.txt, no written.txt, no unlink-me.txt) is checked on the
//! host by suites/fs/files.yaml.
const std = @import("std");
const check = @import("check.zig");

pub fn main(init: std.process.Init) !u8 {
    const io = init.io;
    var buf: [512]u8 = undefined;
    var c = check.Checks.init(io, &buf);
    const dir = check.preopen(init, &c) orelse return 2;
    var data: [256]u8 = undefined;

    const read = dir.readFile(io, "hello.txt", &data);
    c.check(if (read) |r| std.mem.eql(u8, r, "hello, fixture\n") else |_| false, "read", "{any}", .{read});

    const st = dir.statFile(io, "hello.txt", .{});
    c.check(if (st) |s| s.kind == .file and s.size == 15 else |_| false, "stat", "{any}", .{st});

    const wrote = dir.writeFile(io, .{ .sub_path = "written.txt", .data = "fresh bytes" });
    const back = dir.readFile(io, "written.txt", &data);
    c.check(if (back) |b| std.mem.eql(u8, b, "fresh bytes") else |_| false, "write", "write {any}, read back {any}", .{ wrote, back });

    const first = dir.createFile(io, "created.txt", .{ .exclusive = true });
    const second = dir.createFile(io, "created.txt", .{ .exclusive = true });
    c.check(if (first) |_| second == error.PathAlreadyExists else |_| false, "create-exclusive", "first {any}, second {any}", .{ first, second });
    if (first) |f| f.close(io) else |_| {}
    if (second) |f| f.close(io) else |_| {}

    const ren = dir.rename("written.txt", dir, "renamed.txt", io);
    const gone = dir.access(io, "written.txt", .{}) == error.FileNotFound;
    const there = if (dir.access(io, "renamed.txt", .{})) |_| true else |_| false;
    c.check(check.succeeded(ren) and gone and there, "rename", "{any} old-gone={} new-there={}", .{ ren, gone, there });

    const del = dir.deleteFile(io, "unlink-me.txt");
    const removed = dir.access(io, "unlink-me.txt", .{}) == error.FileNotFound;
    c.check(removed, "unlink", "{any} still there={}", .{ del, !removed });
    return c.status();
}
