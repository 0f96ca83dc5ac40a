//! WASI 0.3 async from Rust (wasip3 crate, wit-bindgen async): two 300 ms waits awaited together
//! must overlap; awaited one after the other, they add up.
use wasip3::clocks::monotonic_clock::{now, wait_for};
use wasi_matrix_guests::{check, status};

const WAIT_NS: u64 = 300_000_000;

struct Guest;

impl wasip3::exports::cli::run::Guest for Guest {
    async fn run() -> Result<(), ()> {
        let t0 = now();
        futures::join!(wait_for(WAIT_NS), wait_for(WAIT_NS));
        let together = now() - t0;
        let t0 = now();
        wait_for(WAIT_NS).await;
        wait_for(WAIT_NS).await;
        let apart = now() - t0;
        check((WAIT_NS..WAIT_NS * 3 / 2).contains(&together), "overlap", || format!("two concurrent waits took {} ms", together / 1_000_000));
        check(apart >= 2 * WAIT_NS, "sequential-baseline", || format!("two sequential waits took {} ms", apart / 1_000_000));
        if status() == 0 { Ok(()) } else { Err(()) }
    }
}

wasip3::cli::command::export!(Guest);
