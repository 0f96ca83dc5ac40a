//! Copies stdin to stdout until end of file, with the reader and writer `zig init` starts from
//! (positional first, streaming once the runtime says the file is unseekable).
const std = @import("std");
const Checks = @import("check.zig").Checks;

pub fn main(init: std.process.Init) !u8 {
    var buf: [512]u8 = undefined;
    var c = Checks.init(init.io, &buf);
    var ibuf: [256]u8 = undefined;
    var in: std.Io.File.Reader = .init(.stdin(), init.io, &ibuf);
    var obuf: [256]u8 = undefined;
    var out: std.Io.File.Writer = .init(.stdout(), init.io, &obuf);
    var total: usize = 0;
    var eof = false;
    while (true) {
        total += in.interface.stream(&out.interface, .unlimited) catch |e| {
            eof = e == error.EndOfStream;
            break;
        };
    }
    const flushed = if (out.interface.flush()) |_| true else |_| false;
    c.check(eof, "stdin-eof", "stopped after {d} bytes without EOF: read {any}, write {any}", .{ total, in.err, out.err });
    c.check(total > 0 and flushed, "stdin-read", "read {d} bytes; stdout flush ok={}, {any}", .{ total, flushed, out.err });
    return c.status();
}
