// triple: wasm32-wasip1-threads
//! Threads from Rust: std::thread::spawn four threads (pthread_create, wasi-threads' thread-spawn
//! underneath) that add to one shared counter with atomics, join them, check the sum only they
//! can have made.
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use wasi_matrix_guests::{check, status};

const THREADS: u64 = 4;
const ADDS: u64 = 100_000;

fn main() {
    let counter = Arc::new(AtomicU64::new(0));
    let mut handles = Vec::new();
    let mut spawn_error = None;
    for i in 0..THREADS {
        let counter = Arc::clone(&counter);
        match std::thread::Builder::new().spawn(move || {
            for _ in 0..ADDS {
                counter.fetch_add(1, Ordering::Relaxed);
            }
            i
        }) {
            Ok(h) => handles.push(h),
            Err(e) => {
                spawn_error = Some(e);
                break;
            }
        }
    }
    check(handles.len() as u64 == THREADS, "spawn", || format!("{} of {THREADS} threads: {spawn_error:?}", handles.len()));
    let joined = handles.into_iter().enumerate().map(|(i, h)| h.join().is_ok_and(|r| r == i as u64)).filter(|ok| *ok).count();
    check(joined as u64 == THREADS, "join", || format!("{joined} of {THREADS} threads joined with their own result"));
    let sum = counter.load(Ordering::SeqCst);
    check(sum == THREADS * ADDS, "atomic-sum", || format!("sum {sum}, want {}", THREADS * ADDS));
    std::process::exit(status());
}
