//! Sub-check reporting for Rust guests: one TAP-like line per check on stdout.
use std::io::Write;
use std::sync::atomic::{AtomicU32, Ordering};

mod peer;
pub use peer::{nonced, print_reply};

static FAILURES: AtomicU32 = AtomicU32::new(0);

pub fn check(ok: bool, name: &str, detail: impl FnOnce() -> String) {
    let mut out = std::io::stdout().lock();
    if ok {
        let _ = writeln!(out, "ok {name}");
    } else {
        FAILURES.fetch_add(1, Ordering::Relaxed);
        let _ = writeln!(out, "not ok {name} # {}", detail());
    }
    let _ = out.flush();
}

/// Exit status for the end of a guest: 0 when every check passed.
pub fn status() -> i32 {
    if FAILURES.load(Ordering::Relaxed) == 0 { 0 } else { 1 }
}
