//! File operations inside a preopened directory (argv[1]); the fixture holds
//! hello.txt = "hello, fixture\n" and unlink-me.txt. What this leaves behind
//! (renamed.txt = "fresh bytes", an empty created.txt, no written.txt, no
//! unlink-me.txt) is checked on the host by suites/fs/files.yaml.
use std::fs::{self, OpenOptions};
use std::io::ErrorKind;
use wasi_matrix_guests::{check, status};

fn main() {
    let root = std::env::args().nth(1).expect("need the preopen path");
    let p = |n: &str| format!("{root}/{n}");

    let read = fs::read_to_string(p("hello.txt"));
    check(matches!(&read, Ok(s) if s == "hello, fixture\n"), "read", || format!("{read:?}"));

    let meta = fs::metadata(p("hello.txt"));
    check(matches!(&meta, Ok(m) if m.is_file() && m.len() == 15), "stat", || format!("{meta:?}"));

    let w = fs::write(p("written.txt"), "fresh bytes");
    let back = fs::read_to_string(p("written.txt"));
    check(w.is_ok() && matches!(&back, Ok(s) if s == "fresh bytes"), "write", || format!("write={w:?} read={back:?}"));

    let first = OpenOptions::new().write(true).create_new(true).open(p("created.txt"));
    let second = OpenOptions::new().write(true).create_new(true).open(p("created.txt"));
    let exists = matches!(&second, Err(e) if e.kind() == ErrorKind::AlreadyExists);
    check(first.is_ok() && exists, "create-exclusive", || format!("first={first:?} second={second:?}"));

    let r = fs::rename(p("written.txt"), p("renamed.txt"));
    let gone = fs::metadata(p("written.txt")).is_err();
    let there = fs::metadata(p("renamed.txt")).is_ok();
    check(r.is_ok() && gone && there, "rename", || format!("rename={r:?} old-gone={gone} new-there={there}"));

    let u = fs::remove_file(p("unlink-me.txt"));
    check(u.is_ok() && fs::metadata(p("unlink-me.txt")).is_err(), "unlink", || format!("{u:?}"));
    std::process::exit(status());
}
