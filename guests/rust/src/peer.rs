//! What the harness's peers answer: the text a guest expects, with the cell's nonce before its
//! newline ("echo: ping [3fa94c1b2d7e]\n"). The guest prints the reply it got, so the harness sees
//! the nonce only where a real exchange took place.
use std::io::Write;

pub fn nonced(got: &[u8], want: &[u8]) -> bool {
    let (text, newline) = match want.strip_suffix(b"\n") {
        Some(t) => (t, true),
        None => (want, false),
    };
    let Some(rest) = got.strip_prefix(text).and_then(|r| r.strip_prefix(b" [")) else { return false };
    let rest = if newline {
        match rest.strip_suffix(b"\n") {
            Some(r) => r,
            None => return false,
        }
    } else {
        rest
    };
    rest.len() > 1 && rest.ends_with(b"]")
}

pub fn print_reply(got: &[u8]) {
    let line = got.strip_suffix(b"\n").unwrap_or(got);
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "reply: {}", String::from_utf8_lossy(line));
    let _ = out.flush();
}
