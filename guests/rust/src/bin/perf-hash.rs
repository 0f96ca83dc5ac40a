//! CPU-bound integer kernel: FNV-1a (64-bit) over a 1 MiB xorshift-filled buffer, 200 rounds.
//! Self-contained (no guest library), so the host's rustc builds the same file natively.
const SIZE: usize = 1 << 20;
const ROUNDS: usize = 200;
const EXPECTED: u64 = 0x8e0f2d2f48b6f465;

fn main() {
    let mut buf = vec![0u8; SIZE];
    let mut x: u64 = 0x9E3779B97F4A7C15;
    for b in buf.iter_mut() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        *b = (x >> 24) as u8;
    }
    let mut h: u64 = 0xcbf29ce484222325;
    for _ in 0..ROUNDS {
        for &b in &buf {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    if h == EXPECTED {
        println!("ok checksum");
    } else {
        println!("not ok checksum # got {h:x}");
        std::process::exit(1);
    }
}
