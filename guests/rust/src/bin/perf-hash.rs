//! CPU-bound integer kernel: FNV-1a (64-bit) over a xorshift-filled buffer, repeated.
//! argv: buffer KiB, rounds, and the checksum (hex) those give (suites/perf/hash.yaml).
//! Self-contained (no guest library), so the host's rustc builds the same file natively.
fn main() {
    let [kib, rounds, expected] = params::<3>("perf-hash KIB ROUNDS EXPECTED");
    let (kib, rounds): (usize, usize) = (kib.parse().unwrap_or(0), rounds.parse().unwrap_or(0));
    let expected = u64::from_str_radix(&expected, 16).unwrap_or(0);
    let mut buf = vec![0u8; kib * 1024];
    let mut x: u64 = 0x9E3779B97F4A7C15;
    for b in buf.iter_mut() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        *b = (x >> 24) as u8;
    }
    let mut h: u64 = 0xcbf29ce484222325;
    for _ in 0..rounds {
        for &b in &buf {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    if h == expected {
        println!("ok checksum");
    } else {
        println!("not ok checksum # got {h:x}");
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
