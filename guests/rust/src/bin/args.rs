//! Receives the arguments declared by suites/cli/args.yaml and compares them.
use wasi_matrix_guests::{check, status};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let at = |i: usize| args.get(i).cloned().unwrap_or_else(|| "(none)".into());
    check(args.len() == 4, "argc", || format!("argc={}, want 4", args.len()));
    check(!at(0).is_empty() && args.len() > 0, "argv0-present", || "argv[0] empty".into());
    check(at(1) == "alpha", "argv-plain", || format!("argv[1]={}", at(1)));
    check(at(2) == "beta gamma", "argv-space", || format!("argv[2]={}", at(2)));
    check(at(3) == "ünicøde", "argv-utf8", || format!("argv[3]={}", at(3)));
    std::process::exit(status());
}
