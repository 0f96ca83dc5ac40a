//! Paths that leave the preopened directory (argv[1]) must not open.
use std::fs::File;
use wasi_matrix_guests::{check, status};

fn must_fail(name: &str, path: &str) {
    let r = File::open(path);
    check(r.is_err(), name, || format!("opened {path}"));
}

fn main() {
    let root = std::env::args().nth(1).expect("need the preopen path");
    let inside = File::open(format!("{root}/inside.txt"));
    check(inside.is_ok(), "inside-opens", || format!("{inside:?}"));
    must_fail("escape-dotdot", &format!("{root}/../outside/secret.txt"));
    must_fail("escape-absolute", "/outside/secret.txt");
    must_fail("escape-host-root", "/etc/passwd");
    std::process::exit(status());
}
