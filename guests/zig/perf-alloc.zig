//! Allocation-heavy kernel: binary trees (about 15M nodes allocated and freed one by one), depth 16.
const std = @import("std");
const Checks = @import("check.zig").Checks;

const min_depth = 4;
const max_depth = 16;
const expected: i64 = 14985902;

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
