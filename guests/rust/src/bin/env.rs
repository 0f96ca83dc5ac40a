//! Sees exactly the environment declared by suites/cli/env.yaml and no other variable
//! (the inherit-env control adds WASI_MATRIX_HOST_SENTINEL, so a name prefix would not do).
use wasi_matrix_guests::{check, status};

fn main() {
    let a = std::env::var("WASI_MATRIX_A");
    let u = std::env::var("WASI_MATRIX_UTF8");
    check(a.as_deref() == Ok("one"), "env-set", || format!("WASI_MATRIX_A={a:?}"));
    check(u.as_deref() == Ok("grüß"), "env-utf8", || format!("WASI_MATRIX_UTF8={u:?}"));
    let all: Vec<(String, String)> = std::env::vars().collect();
    let extra = all.iter().find(|(k, _)| k != "WASI_MATRIX_A" && k != "WASI_MATRIX_UTF8");
    check(extra.is_none(), "env-no-leak", || format!("{} variables, first undeclared: {:.60}", all.len(), extra.map(|e| e.0.as_str()).unwrap_or("")));
    std::process::exit(status());
}
