//! Creates more entries than one readdir buffer holds, then lists them:
//! the listing must resume from its cookie and neither repeat nor lose entries.
use std::fs;
use wasi_matrix_guests::{check, status};

const COUNT: usize = 300;

fn main() {
    let root = std::env::args().nth(1).expect("need the preopen path");
    let dir = format!("{root}/many");
    let _ = fs::create_dir(&dir);
    let made = (0..COUNT)
        .filter(|i| fs::write(format!("{dir}/entry-with-a-deliberately-long-name-to-fill-buffers-{i:04}"), b"").is_ok())
        .count();
    check(made == COUNT, "create-entries", || format!("created {made} of {COUNT}"));
    // Bounded: a runtime that ignores cookies would otherwise repeat forever.
    let seen = fs::read_dir(&dir).map(|d| d.take(10 * COUNT).count()).unwrap_or(0);
    check(seen == COUNT, "readdir-resumes", || format!("listed {seen} entries, want {COUNT}"));
    std::process::exit(status());
}
