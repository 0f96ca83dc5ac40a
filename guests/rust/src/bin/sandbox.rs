//! Escapes from the preopened directory (argv[1]), made with raw WASI p1 calls so
//! that they reach the runtime (std would resolve the preopen itself). On p2 and
//! p3 the p1 imports are adapted to wasi:filesystem's open-at. The fixture puts
//! outside/secret.txt beside the preopened sandbox/, and sandbox/link-out ->
//! ../outside. An escape passes only on a refusal errno: the target exists on the
//! host, so a missing file (ENOENT) proves nothing.
use std::io::Write;
use wasi_matrix_guests::{check, status};

#[link(wasm_import_module = "wasi_snapshot_preview1")]
extern "C" {
    fn fd_prestat_get(fd: u32, out: *mut [u32; 2]) -> u16;
    fn fd_prestat_dir_name(fd: u32, path: *mut u8, len: usize) -> u16;
    #[allow(clippy::too_many_arguments)]
    fn path_open(fd: u32, dirflags: u32, path: *const u8, path_len: usize, oflags: u16,
                 base: u64, inheriting: u64, fdflags: u16, out: *mut u32) -> u16;
    fn fd_read(fd: u32, iovs: *const [usize; 2], n: usize, nread: *mut usize) -> u16;
    fn fd_close(fd: u32) -> u16;
}

const SYMLINK_FOLLOW: u32 = 1;
const RIGHT_FD_READ: u64 = 1 << 1;
/// Refusals that say "this path leaves the sandbox": ACCES, PERM, NOTCAPABLE.
const REFUSED: [u16; 3] = [2, 63, 76];

fn errno_name(e: u16) -> &'static str {
    match e { 2 => "ACCES", 8 => "BADF", 28 => "INVAL", 32 => "LOOP", 44 => "NOENT", 54 => "NOTDIR", 63 => "PERM", 76 => "NOTCAPABLE", _ => "other" }
}

/// Every preopened directory: (fd, guest path without a trailing slash).
fn preopens() -> Vec<(u32, String)> {
    let mut out = Vec::new();
    for fd in 3.. {
        let mut ps = [0u32; 2];
        if unsafe { fd_prestat_get(fd, &mut ps) } != 0 { break; }
        if ps[0] & 0xff != 0 { continue; }
        let mut name = vec![0u8; ps[1] as usize];
        if unsafe { fd_prestat_dir_name(fd, name.as_mut_ptr(), name.len()) } != 0 { continue; }
        let name = String::from_utf8_lossy(&name).into_owned();
        let trimmed = name.trim_end_matches('/');
        out.push((fd, if trimmed.is_empty() { "/".to_string() } else { trimmed.to_string() }));
    }
    out
}

/// The preopen a path falls under (longest prefix, as libc picks it) and the rest, `..` left in.
fn preopen_for(path: &str) -> Option<(u32, String)> {
    let mut best: Option<(u32, usize)> = None;
    for (fd, name) in preopens() {
        let len = if name == "/" { 0 } else { name.len() };
        let under = if name == "/" { path.starts_with('/') } else {
            path.starts_with(&name) && matches!(path.as_bytes().get(len), None | Some(b'/'))
        };
        if under && best.is_none_or(|(_, l)| len > l) { best = Some((fd, len)); }
    }
    best.map(|(fd, len)| {
        let rest = path[len..].trim_start_matches('/');
        (fd, if rest.is_empty() { ".".to_string() } else { rest.to_string() })
    })
}

/// Opens rel under dir for reading: the errno, or what it read.
fn open_read(dir: u32, rel: &str) -> Result<String, u16> {
    let mut fd = 0u32;
    let e = unsafe { path_open(dir, SYMLINK_FOLLOW, rel.as_ptr(), rel.len(), 0, RIGHT_FD_READ, 0, 0, &mut fd) };
    if e != 0 { return Err(e); }
    let mut buf = [0u8; 128];
    let mut n = 0usize;
    let iov = [buf.as_mut_ptr() as usize, buf.len()];
    let r = unsafe { fd_read(fd, &iov, 1, &mut n) };
    unsafe { fd_close(fd) };
    Ok(if r == 0 { String::from_utf8_lossy(&buf[..n]).into_owned() } else { String::new() })
}

fn escape(name: &str, dir: u32, rel: &str) {
    match open_read(dir, rel) {
        Ok(got) => check(false, name, || format!("path_open(fd {dir}, {rel:?}) opened it and read {} bytes: {:.40}", got.len(), got)),
        Err(e) if REFUSED.contains(&e) => {
            // The errno each runtime refuses with is worth recording, so it rides on the ok line.
            let _ = writeln!(std::io::stdout(), "ok {name} # refused with errno {e} ({})", errno_name(e));
        }
        Err(e) => check(false, name, || format!("path_open(fd {dir}, {rel:?}) failed with errno {e} ({}), not a refusal", errno_name(e))),
    }
}

fn escape_path(name: &str, path: &str) {
    match preopen_for(path) {
        Some((dir, rel)) => escape(name, dir, &rel),
        None => check(false, name, || format!("no preopen holds {path}")),
    }
}

fn main() {
    let root = std::env::args().nth(1).expect("need the preopen path");
    let inside = preopen_for(&format!("{root}/inside.txt"));
    let read = inside.as_ref().map(|(dir, rel)| open_read(*dir, rel));
    check(matches!(&read, Some(Ok(s)) if s == "inside\n"), "inside-opens", || format!("{inside:?} {read:?}"));
    escape_path("escape-dotdot", &format!("{root}/../outside/secret.txt"));
    escape_path("escape-symlink", &format!("{root}/link-out/secret.txt"));
    // An absolute path handed to path_open, which takes only relative ones.
    match inside {
        Some((dir, _)) => escape("escape-absolute", dir, "/etc/passwd"),
        None => check(false, "escape-absolute", || format!("no preopen holds {root}")),
    }
    std::process::exit(status());
}
