//! Resident memory over 100,000 sequential get-job calls through our client,
//! against the fake over loopback. The budget (issue 8): it grows by less
//! than 5 MiB. A separate binary, so no other benchmark's allocations sit in
//! the process being measured.
//!
//! `cargo bench -p llama-cloud --bench memory`; see BENCHMARKS.md.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark whose setup or requests fail should stop, loudly"
)]

mod support {
    pub mod loopback;
    pub mod mode;
}

use std::hint::black_box;
use std::time::Instant;

use support::loopback::Loopback;
use support::mode::Mode;

/// The budget for the growth, in MiB.
const BUDGET_MIB: f64 = 5.0;
/// How often the fake's request log is emptied (see
/// [`Loopback::forget_requests`]). Every 1,000 gets was not enough: the
/// log's entries, freed in bulk, left glibc's arenas growing by up to 5 MiB
/// over the first 10,000 gets, with raw reqwest as with our client.
const FORGET_EVERY: usize = 100;
/// How often resident memory is read (for the peak).
const CHECKPOINT_EVERY: usize = 1_000;
const MIB: f64 = 1024.0 * 1024.0;

fn main() {
    let mode = Mode::from_args();
    let warmup = mode.pick(1_000, 10);
    let gets = mode.pick(100_000, 100);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let loopback = runtime.block_on(Loopback::start());
    // As a task of the runtime, as in the round-trip benchmark.
    runtime
        .block_on(runtime.spawn(measure(loopback, mode, warmup, gets)))
        .expect("the measurement completes");
}

/// `warmup` gets (pool, allocator arenas, lazily built state), then `gets`
/// more, with resident memory read before and after them; the budget is
/// judged only in a `mode` that measures.
async fn measure(loopback: Loopback, mode: Mode, warmup: usize, gets: usize) {
    let jobs = loopback.client.extraction().jobs();
    for _ in 0..warmup {
        black_box(jobs.get(loopback.job_id).await.expect("a get succeeds"));
    }
    loopback.forget_requests();
    let Some(before) = resident_bytes() else {
        println!("resident memory is read from /proc/self/status, which this system lacks");
        return;
    };
    println!("\n== resident memory over {gets} sequential gets (after {warmup} warm-up gets)");
    let started = Instant::now();
    let mut peak = before;
    for done in 1..=gets {
        black_box(jobs.get(loopback.job_id).await.expect("a get succeeds"));
        if done % FORGET_EVERY == 0 {
            loopback.forget_requests();
        }
        if done % CHECKPOINT_EVERY == 0 {
            let now = resident_bytes().expect("VmRSS was readable before");
            peak = peak.max(now);
            if done % (gets / 10).max(CHECKPOINT_EVERY) == 0 {
                println!("   after {done:>7} gets: {:7.2} MiB", now as f64 / MIB);
            }
        }
    }
    let elapsed = started.elapsed();
    loopback.forget_requests();
    let after = resident_bytes().expect("VmRSS was readable before");
    let growth = (after as f64 - before as f64) / MIB;
    println!(
        "   before {:.2} MiB, after {:.2} MiB, peak at checkpoints {:.2} MiB ({:.1}k gets/s)",
        before as f64 / MIB,
        after as f64 / MIB,
        peak as f64 / MIB,
        gets as f64 / elapsed.as_secs_f64() / 1e3
    );
    let verdict = match mode {
        Mode::Smoke => "not judged in a smoke run",
        Mode::Bench if growth < BUDGET_MIB => "met",
        Mode::Bench => "NOT met",
    };
    println!("   budget: growth < {BUDGET_MIB} MiB: {growth:+.2} MiB, {verdict}");
}

/// This process's resident set size in bytes, from `VmRSS` in
/// `/proc/self/status` (in kB there, whatever the page size); `None` where
/// there is no procfs.
fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    let kib: u64 = line
        .trim_start_matches("VmRSS:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib * 1024)
}
