//! Memory-heavy kernel: sorting xorshift-random 32-bit integers with the standard library's sort.
//! argv: how many, and the checksum of the sorted array (suites/perf/sort.yaml).
//! Self-contained (no guest library), so the host's rustc builds the same file natively.
fn main() {
    let [n, expected] = params::<2>("perf-sort N EXPECTED");
    let (n, expected): (usize, u64) = (n.parse().unwrap_or(0), expected.parse().unwrap_or(0));
    let mut x: u64 = 0x9E3779B97F4A7C15;
    let mut a: Vec<u32> = (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 32) as u32
        })
        .collect();
    a.sort_unstable();
    // Weighted by position: only the sorted order of these values gives this sum.
    let sum = a.iter().enumerate().fold(0u64, |s, (i, &v)| s.wrapping_add((v as u64).wrapping_mul(i as u64 + 1)));
    if sum == expected {
        println!("ok checksum");
    } else {
        println!("not ok checksum # got {sum}");
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
