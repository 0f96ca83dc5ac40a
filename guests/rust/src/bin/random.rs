//! Random bytes are not all zero and differ between calls.
use wasi_matrix_guests::{check, status};

fn fill(buf: &mut [u8]) -> i32 {
    unsafe { libc::getentropy(buf.as_mut_ptr().cast(), buf.len()) }
}

fn main() {
    let (mut x, mut y, mut big) = ([0u8; 32], [0u8; 32], [0u8; 256]);
    let (r1, r2) = (fill(&mut x), fill(&mut y));
    check(r1 == 0 && r2 == 0, "getentropy", || format!("rc={r1},{r2}"));
    check(x.iter().any(|&b| b != 0) && y.iter().any(|&b| b != 0), "nonzero", || "a 32-byte draw was all zero".into());
    check(x != y, "differ", || "two 32-byte draws were equal".into());
    let r3 = fill(&mut big);
    check(r3 == 0 && big.iter().any(|&b| b != 0), "max-request", || format!("rc={r3}"));
    std::process::exit(status());
}
