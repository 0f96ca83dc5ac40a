//! Floating-point kernel: the n-body simulation of the Sun and the four outer planets.
//! argv: steps, and the energy they end at (suites/perf/nbody.yaml).
const std = @import("std");
const check = @import("check.zig");
const Checks = check.Checks;

const solar_mass = 4 * std.math.pi * std.math.pi;
const days = 365.24;

const Body = struct { x: f64, y: f64, z: f64, vx: f64, vy: f64, vz: f64, m: f64 };

fn body(x: f64, y: f64, z: f64, vx: f64, vy: f64, vz: f64, m: f64) Body {
    return .{ .x = x, .y = y, .z = z, .vx = vx * days, .vy = vy * days, .vz = vz * days, .m = m * solar_mass };
}

fn advance(bodies: *[5]Body, dt: f64) void {
    for (0..5) |i| {
        const a = &bodies[i];
        for (i + 1..5) |j| {
            const b = &bodies[j];
            const dx = a.x - b.x;
            const dy = a.y - b.y;
            const dz = a.z - b.z;
            const d2 = dx * dx + dy * dy + dz * dz;
            const mag = dt / (d2 * @sqrt(d2));
            a.vx -= dx * b.m * mag;
            a.vy -= dy * b.m * mag;
            a.vz -= dz * b.m * mag;
            b.vx += dx * a.m * mag;
            b.vy += dy * a.m * mag;
            b.vz += dz * a.m * mag;
        }
    }
    for (bodies) |*b| {
        b.x += dt * b.vx;
        b.y += dt * b.vy;
        b.z += dt * b.vz;
    }
}

fn energy(bodies: *const [5]Body) f64 {
    var e: f64 = 0;
    for (0..5) |i| {
        const a = bodies[i];
        e += 0.5 * a.m * (a.vx * a.vx + a.vy * a.vy + a.vz * a.vz);
        for (i + 1..5) |j| {
            const b = bodies[j];
            const dx = a.x - b.x;
            const dy = a.y - b.y;
            const dz = a.z - b.z;
            e -= a.m * b.m / @sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
    return e;
}

pub fn main(init: std.process.Init) !u8 {
    var out: [128]u8 = undefined;
    var c = Checks.init(init.io, &out);
    const p = check.params(init, &c, 2, "perf-nbody STEPS EXPECTED") orelse return 1;
    const steps = std.fmt.parseInt(usize, p[0], 10) catch 0;
    const expected = std.fmt.parseFloat(f64, p[1]) catch 0;
    var bodies = [5]Body{
        body(0, 0, 0, 0, 0, 0, 1),
        body(4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01, 1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05, 9.54791938424326609e-04),
        body(8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01, -2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05, 2.85885980666130812e-04),
        body(1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01, 2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05, 4.36624404335156298e-05),
        body(1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01, 2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05, 5.15138902046611451e-05),
    };
    var px: f64 = 0;
    var py: f64 = 0;
    var pz: f64 = 0;
    for (bodies) |b| {
        px += b.vx * b.m;
        py += b.vy * b.m;
        pz += b.vz * b.m;
    }
    bodies[0].vx = -px / solar_mass;
    bodies[0].vy = -py / solar_mass;
    bodies[0].vz = -pz / solar_mass;
    for (0..steps) |_| advance(&bodies, 0.01);
    const e = energy(&bodies);
    c.check(@abs(e - expected) < 1e-9, "checksum", "got {d:.9}", .{e});
    return c.status();
}
