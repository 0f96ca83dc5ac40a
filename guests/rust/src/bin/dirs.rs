//! Directory operations inside a preopened directory (argv[1]); the fixture
//! holds listing/ with exactly a.txt, b.txt and c.txt. What this leaves behind
//! (made/ kept, gone/ removed, listing/ intact) is checked on the host by
//! suites/fs/dirs.yaml.
use std::fs;
use wasi_matrix_guests::{check, status};

fn main() {
    let root = std::env::args().nth(1).expect("need the preopen path");
    let names: Result<Vec<String>, _> = fs::read_dir(format!("{root}/listing"))
        .and_then(|d| d.map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned())).collect());
    let mut sorted = names.as_ref().map(|v| { let mut v = v.clone(); v.sort(); v }).unwrap_or_default();
    sorted.dedup();
    check(sorted == ["a.txt", "b.txt", "c.txt"] && names.as_ref().map(|v| v.len()).ok() == Some(3), "readdir", || format!("{names:?}"));

    let made = format!("{root}/made");
    let m = fs::create_dir(&made);
    let isdir = fs::metadata(&made).map(|m| m.is_dir()).unwrap_or(false);
    check(m.is_ok() && isdir, "mkdir", || format!("{m:?} isdir={isdir}"));

    let gone = format!("{root}/gone");
    let g = fs::create_dir(&gone);
    let r = fs::remove_dir(&gone);
    check(g.is_ok() && r.is_ok() && fs::metadata(&gone).is_err(), "rmdir", || format!("mkdir={g:?} rmdir={r:?}"));

    let ne = fs::remove_dir(format!("{root}/listing"));
    let enotempty = matches!(&ne, Err(e) if e.raw_os_error() == Some(libc::ENOTEMPTY));
    check(enotempty, "rmdir-nonempty-fails", || format!("{ne:?}"));
    std::process::exit(status());
}
