//! Memory-heavy kernel: sorting 3M xorshift-random 32-bit integers (12 MB) with the standard library's sort.
//! Self-contained (no guest library), so the host's rustc builds the same file natively.
const N: usize = 3_000_000;
const EXPECTED: u64 = 12647184168537187079;

fn main() {
    let mut x: u64 = 0x9E3779B97F4A7C15;
    let mut a: Vec<u32> = (0..N)
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
    if sum == EXPECTED {
        println!("ok checksum");
    } else {
        println!("not ok checksum # got {sum}");
        std::process::exit(1);
    }
}
