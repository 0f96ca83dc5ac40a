//! Monotonic clock increases across a sleep; realtime is a plausible date.
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use wasi_matrix_guests::{check, status};

fn main() {
    let a = Instant::now();
    std::thread::sleep(Duration::from_millis(20));
    let b = Instant::now();
    check(b > a, "monotonic-increases", || format!("{a:?} then {b:?}"));
    let d = b - a;
    check(d >= Duration::from_millis(15), "monotonic-sleep", || format!("20 ms sleep advanced {d:?}"));
    let mut res = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // std has no clock_getres; wasi-libc, which std links, does.
    let rc = unsafe { libc::clock_getres(libc::CLOCK_MONOTONIC, &mut res) };
    let ns = res.tv_sec as i64 * 1_000_000_000 + res.tv_nsec as i64;
    check(rc == 0 && ns > 0 && ns <= 1_000_000, "monotonic-resolution", || format!("rc={rc} res={ns} ns"));

    let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    check(now > 1_735_689_600 && now < 4_102_444_800, "realtime-plausible", || format!("sec={now}"));
    let t1 = SystemTime::now();
    std::thread::sleep(Duration::from_millis(20));
    let t2 = SystemTime::now();
    check(t2 > t1, "realtime-advances", || format!("{t1:?} then {t2:?}"));
    std::process::exit(status());
}
