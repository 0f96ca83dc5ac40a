//! Copies stdin to stdout until end of file.
use std::io::{Read, Write};
use wasi_matrix_guests::{check, status};

fn main() {
    let mut buf = Vec::new();
    let r = std::io::stdin().read_to_end(&mut buf);
    let mut out = std::io::stdout();
    let _ = out.write_all(&buf);
    let _ = out.flush();
    check(r.is_ok(), "stdin-eof", || format!("read failed: {r:?}"));
    check(!buf.is_empty(), "stdin-read", || "read 0 bytes".into());
    std::process::exit(status());
}
