//! Panics with panic=abort: a wasm trap.
use wasi_matrix_guests::check;

fn main() {
    check(true, "before-trap", String::new);
    std::process::abort();
}
