//! Floating-point kernel: the n-body simulation of the Sun and the four outer planets.
//! argv: steps, and the energy they end at (suites/perf/nbody.yaml).
//! Self-contained (no guest library), so the host's rustc builds the same file natively.
use std::f64::consts::PI;

const SOLAR_MASS: f64 = 4.0 * PI * PI;
const DAYS: f64 = 365.24;

#[derive(Clone, Copy)]
struct Body { x: f64, y: f64, z: f64, vx: f64, vy: f64, vz: f64, m: f64 }

const fn body(x: f64, y: f64, z: f64, vx: f64, vy: f64, vz: f64, m: f64) -> Body {
    Body { x, y, z, vx: vx * DAYS, vy: vy * DAYS, vz: vz * DAYS, m: m * SOLAR_MASS }
}

fn advance(bodies: &mut [Body; 5], dt: f64) {
    for i in 0..5 {
        for j in i + 1..5 {
            let (a, b) = (bodies[i], bodies[j]);
            let (dx, dy, dz) = (a.x - b.x, a.y - b.y, a.z - b.z);
            let d2 = dx * dx + dy * dy + dz * dz;
            let mag = dt / (d2 * d2.sqrt());
            let a = &mut bodies[i];
            a.vx -= dx * b.m * mag;
            a.vy -= dy * b.m * mag;
            a.vz -= dz * b.m * mag;
            let am = a.m;
            let b = &mut bodies[j];
            b.vx += dx * am * mag;
            b.vy += dy * am * mag;
            b.vz += dz * am * mag;
        }
    }
    for b in bodies.iter_mut() {
        b.x += dt * b.vx;
        b.y += dt * b.vy;
        b.z += dt * b.vz;
    }
}

fn energy(bodies: &[Body; 5]) -> f64 {
    let mut e = 0.0;
    for i in 0..5 {
        let a = bodies[i];
        e += 0.5 * a.m * (a.vx * a.vx + a.vy * a.vy + a.vz * a.vz);
        for b in &bodies[i + 1..] {
            let (dx, dy, dz) = (a.x - b.x, a.y - b.y, a.z - b.z);
            e -= a.m * b.m / (dx * dx + dy * dy + dz * dz).sqrt();
        }
    }
    e
}

fn main() {
    let [steps, expected] = params::<2>("perf-nbody STEPS EXPECTED");
    let (steps, expected): (usize, f64) = (steps.parse().unwrap_or(0), expected.parse().unwrap_or(0.0));
    let mut bodies = [
        body(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0),
        body(4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01, 1.66007664274403694e-03,
             7.69901118419740425e-03, -6.90460016972063023e-05, 9.54791938424326609e-04),
        body(8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01, -2.76742510726862411e-03,
             4.99852801234917238e-03, 2.30417297573763929e-05, 2.85885980666130812e-04),
        body(1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01, 2.96460137564761618e-03,
             2.37847173959480950e-03, -2.96589568540237556e-05, 4.36624404335156298e-05),
        body(1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01, 2.68067772490389322e-03,
             1.62824170038242295e-03, -9.51592254519715870e-05, 5.15138902046611451e-05),
    ];
    let (mut px, mut py, mut pz) = (0.0, 0.0, 0.0);
    for b in &bodies {
        px += b.vx * b.m;
        py += b.vy * b.m;
        pz += b.vz * b.m;
    }
    bodies[0].vx = -px / SOLAR_MASS;
    bodies[0].vy = -py / SOLAR_MASS;
    bodies[0].vz = -pz / SOLAR_MASS;
    for _ in 0..steps {
        advance(&mut bodies, 0.01);
    }
    let e = energy(&bodies);
    if (e - expected).abs() < 1e-9 {
        println!("ok checksum");
    } else {
        println!("not ok checksum # got {e:.9}");
        std::process::exit(1);
    }
}

/// The kernel's parameters from argv (suites/perf/*.yaml); a missing one fails the check.
fn params<const N: usize>(usage: &str) -> [String; N] {
    let a: Vec<String> = std::env::args().skip(1).collect();
    a.try_into().unwrap_or_else(|_| {
        println!("not ok checksum # usage: {usage}");
        std::process::exit(1)
    })
}
