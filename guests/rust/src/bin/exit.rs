//! Exits with the status given as its first argument.
use wasi_matrix_guests::check;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    check(args.len() == 2, "exit-arg", || format!("argc={}", args.len()));
    let code = args.get(1).and_then(|s| s.parse::<i32>().ok()).unwrap_or(99);
    std::process::exit(code);
}
