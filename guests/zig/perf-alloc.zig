//! Allocation-heavy kernel: binary trees, every node allocated and freed one by one.
//! argv: the maximum depth, and the node count it gives (suites/perf/alloc.yaml).
const std = @import("std");
const check = @import("check.zig");
const Checks = check.Checks;

const min_depth = 4;

const Node = struct { left: ?*Node = null, right: ?*Node = null };

fn build(gpa: std.mem.Allocator, depth: u32) !*Node {
    const node = try gpa.create(Node);
    node.* = if (depth == 0) .{} else .{ .left = try build(gpa, depth - 1), .right = try build(gpa, depth - 1) };
    return node;
}

fn count(node: *const Node) i64 {
    return if (node.left) |l| 1 + count(l) + count(node.right.?) else 1;
}

fn release(gpa: std.mem.Allocator, node: *Node) void {
    if (node.left) |l| {
        release(gpa, l);
        release(gpa, node.right.?);
    }
    gpa.destroy(node);
}

fn tree(gpa: std.mem.Allocator, depth: u32) !i64 {
    const t = try build(gpa, depth);
    defer release(gpa, t);
    return count(t);
}

pub fn main(init: std.process.Init) !u8 {
    var out: [128]u8 = undefined;
    var c = Checks.init(init.io, &out);
    const p = check.params(init, &c, 2, "perf-alloc DEPTH EXPECTED") orelse return 1;
    const max_depth = std.fmt.parseInt(u32, p[0], 10) catch 0;
    const expected = std.fmt.parseInt(i64, p[1], 10) catch 0;
    const gpa = init.gpa;
    var total = try tree(gpa, max_depth + 1);
    const kept = try build(gpa, max_depth);
    var d: u32 = min_depth;
    while (d <= max_depth) : (d += 2) {
        const iterations = @as(usize, 1) << @intCast(max_depth - d + min_depth);
        for (0..iterations) |_| total += try tree(gpa, d);
    }
    total += count(kept);
    release(gpa, kept);
    c.check(total == expected, "checksum", "got {d}", .{total});
    return c.status();
}
