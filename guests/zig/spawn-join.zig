// threads: wasi-threads
//! Threads from Zig: std.Thread.spawn four threads (wasi-threads' thread-spawn underneath) that each sum
//! their quarter of a shared array and add into shared counters with atomics; join them and check the
//! sums only all four can have made, and that each ran on a thread of its own.
const std = @import("std");
const Checks = @import("check.zig").Checks;

// The default panic handler reaches std.heap.page_allocator, which is a compile error in a
// multi-threaded wasm build (Zig 0.17 has no thread-safe wasm allocator).
pub const panic = std.debug.simple_panic;

const threads = 4;
const adds = 100_000;
const items = 40_000;

var data: [items]u32 = undefined;
var total = std.atomic.Value(u32).init(0);
var contended = std.atomic.Value(u32).init(0);
var finished = std.atomic.Value(u32).init(0);
var ids: [threads]std.Thread.Id = @splat(0);
/// Workers start only once every spawn has returned. Zig 0.17's WasiThreadImpl.spawn stores the
/// thread id for join() after thread-spawn returns, and the finishing thread clears it: a worker
/// that ends first has its clear overwritten, and join() then waits forever (seen on wasmer and
/// wasmtime 44/45 without this gate).
var gate = std.atomic.Value(u32).init(0);

fn work(k: usize) void {
    while (gate.load(.acquire) == 0) std.atomic.spinLoopHint();
    ids[k] = std.Thread.getCurrentId();
    const part = items / threads;
    var sum: u32 = 0;
    for (data[k * part ..][0..part]) |x| sum +%= x;
    _ = total.fetchAdd(sum, .seq_cst);
    for (0..adds) |_| _ = contended.fetchAdd(1, .seq_cst);
    _ = finished.fetchAdd(1, .seq_cst);
}

// Each thread's guard page, stack and TLS come from here: WasiThreadImpl needs an explicit allocator,
// and the default one (page_allocator) does not compile multi-threaded.
var thread_memory: [1024 * 1024]u8 = undefined;

pub fn main() !u8 {
    var threaded: std.Io.Threaded = .init_single_threaded;
    var buf: [512]u8 = undefined;
    var c = Checks.init(threaded.io(), &buf);

    for (&data, 1..) |*x, i| x.* = @intCast(i);
    var fba = std.heap.FixedBufferAllocator.init(&thread_memory);
    var handles: [threads]std.Thread = undefined;
    var spawned: usize = 0;
    var failure: ?std.Thread.SpawnError = null;
    for (&handles, 0..) |*h, k| {
        h.* = std.Thread.spawn(.{ .allocator = fba.allocator(), .stack_size = 64 * 1024 }, work, .{k}) catch |e| {
            failure = e;
            break;
        };
        spawned += 1;
    }
    gate.store(1, .release);
    c.check(spawned == threads, "spawn", "{d} of {d} threads started: {any}", .{ spawned, threads, failure });
    for (handles[0..spawned]) |h| h.join();

    // Distinct non-zero ids: each worker ran on a thread of its own, none on the main thread (id 0).
    var distinct = true;
    for (ids, 0..) |a, i| {
        if (a == 0 or a == std.Thread.getCurrentId()) distinct = false;
        for (ids[i + 1 ..]) |b| if (a == b) {
            distinct = false;
        };
    }
    c.check(finished.load(.seq_cst) == threads and distinct, "join", "{d} of {d} finished; thread ids {any}", .{ finished.load(.seq_cst), threads, ids });
    const want: u32 = items * (items + 1) / 2;
    c.check(total.load(.seq_cst) == want and contended.load(.seq_cst) == threads * adds, "atomic-sum", "array sum {d} (want {d}), counter {d} (want {d})", .{ total.load(.seq_cst), want, contended.load(.seq_cst), threads * adds });
    return c.status();
}
