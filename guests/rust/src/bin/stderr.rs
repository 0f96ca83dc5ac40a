//! Writes a marker line to stderr; the case checks it arrived there and not on stdout.
use std::io::Write;
use wasi_matrix_guests::{check, status};

fn main() {
    let mut err = std::io::stderr();
    let r = err.write_all(b"wasi-matrix-stderr-marker\n").and_then(|_| err.flush());
    check(r.is_ok(), "stderr-write", || format!("{r:?}"));
    std::process::exit(status());
}
