//! Get-job round trips over loopback against the fake: our client against a
//! hand-written reqwest + serde_json call of the same endpoint, on the same
//! server and runtime with the same reqwest settings; one at a time, then 64
//! in flight. The budget (issue 8): ours costs at most 10% more per round
//! trip.
//!
//! `cargo bench -p llama-cloud --bench round_trip`; see BENCHMARKS.md.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark whose setup or requests fail should stop, loudly"
)]

mod support {
    pub mod harness;
    pub mod loopback;
    pub mod mode;
}

use std::error::Error;
use std::fmt::Debug;
use std::hint::black_box;
use std::time::{Duration, Instant};

use futures::{StreamExt as _, future, stream};
use llama_cloud::JobId;
use llama_cloud::config::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, default_user_agent};
use reqwest::header::{ACCEPT, AUTHORIZATION, HeaderMap, HeaderValue};
use tokio::runtime::Runtime;

use support::harness::{Arm, Plan, compare};
use support::loopback::Loopback;
use support::mode::Mode;

/// The budget: ours over baseline, per round trip.
const BUDGET: f64 = 1.10;
/// The arm the budget judges: `jobs().get()`, the call users make.
const JUDGED: usize = 3;

fn main() {
    let mode = Mode::from_args();
    // Both clients and the fake share this runtime (one worker per core), as
    // they would in an application that embeds the SDK.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let loopback = runtime.block_on(Loopback::start());
    let raw = RawClient::new(&loopback);
    let job_id = loopback.job_id;

    // Short batches (~50 ms and ~100 ms here) and many rounds: the two
    // batches of a round see nearly the same machine, and the median of
    // many paired ratios shrugs off the rounds a neighbour's build disturbed.
    let sequential = (1, mode.pick(400, 5), mode.pick(100, 2));
    let concurrent = (64, mode.pick(64 * 20, 64), mode.pick(60, 2));
    for (in_flight, ops, rounds) in [sequential, concurrent] {
        let plan = Plan {
            warmup_rounds: 2,
            rounds,
            ops_per_batch: ops,
        };
        let comparison = compare(
            &format!("get the seed job over loopback, {in_flight} in flight"),
            plan,
            vec![
                Arm::new("reqwest + serde_json::Value [baseline]", || {
                    let raw = raw.clone();
                    run(&runtime, &loopback, async move {
                        batch(ops, in_flight, || raw.get_job(job_id)).await
                    })
                }),
                // Not judged, but they say where the cost is: the same call
                // decoded into our model, and the generated client alone.
                Arm::new("reqwest + serde_json -> ExtractJob", || {
                    let raw = raw.clone();
                    run(&runtime, &loopback, async move {
                        batch(ops, in_flight, || raw.get_typed(job_id)).await
                    })
                }),
                Arm::new("low_level().get_job() -> ExtractJob", || {
                    let api = loopback.client.low_level();
                    run(&runtime, &loopback, async move {
                        batch(ops, in_flight, || api.get_job().job_id(job_id).send()).await
                    })
                }),
                Arm::new("llama_cloud jobs().get() -> ExtractJob", || {
                    let client = loopback.client.clone();
                    run(&runtime, &loopback, async move {
                        batch(ops, in_flight, || client.extraction().jobs().get(job_id)).await
                    })
                }),
            ],
        );
        comparison.print();
        let ratio = comparison.ratio(JUDGED).median;
        let verdict = match mode {
            Mode::Smoke => "not judged in a smoke run",
            Mode::Bench if ratio <= BUDGET => "met",
            Mode::Bench => "NOT met",
        };
        println!("   budget: ours/baseline <= {BUDGET:.2} per round trip: {ratio:.3}, {verdict}");
    }
}

/// Runs one batch as a task of `runtime`, so that it is polled by a worker
/// like any application task rather than by the blocked main thread, and
/// returns the time the batch measured for itself.
fn run(
    runtime: &Runtime,
    loopback: &Loopback,
    batch: impl Future<Output = Duration> + Send + 'static,
) -> Duration {
    loopback.forget_requests();
    runtime
        .block_on(runtime.spawn(batch))
        .expect("the batch completes")
}

/// Makes `ops` calls of `get`, at most `in_flight` at a time, and times them.
/// Every result is checked: an error path must never pass for a fast get.
async fn batch<Get, Fut, T, E>(ops: usize, in_flight: usize, mut get: Get) -> Duration
where
    Get: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
    E: Debug,
{
    let started = Instant::now();
    stream::iter(0..ops)
        .map(|_| get())
        .buffer_unordered(in_flight)
        .for_each(|result| {
            black_box(result.expect("a get over loopback succeeds"));
            future::ready(())
        })
        .await;
    started.elapsed()
}

/// The baseline: the call a user of plain reqwest would write, on a
/// `reqwest::Client` configured as `ClientBuilder::build` configures ours.
#[derive(Debug, Clone)]
struct RawClient {
    http: reqwest::Client,
    base: String,
}

impl RawClient {
    /// The same bearer key (marked sensitive), user agent, timeouts and
    /// (default) pool as our client; `Accept: application/json`, which ours
    /// sends on every request, as a default header.
    fn new(loopback: &Loopback) -> Self {
        let mut bearer = HeaderValue::try_from(format!("Bearer {}", loopback.fake.api_key()))
            .expect("the fake's key is a valid header value");
        bearer.set_sensitive(true);
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, bearer);
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .user_agent(default_user_agent())
            .timeout(DEFAULT_TIMEOUT)
            .connect_timeout(DEFAULT_CONNECT_TIMEOUT)
            .build()
            .expect("a reqwest client");
        Self {
            http,
            base: loopback.fake.base_url(),
        }
    }

    /// The same call, decoded into our model instead of a `Value`.
    async fn get_typed(
        &self,
        id: JobId,
    ) -> Result<llama_cloud::ExtractJob, Box<dyn Error + Send + Sync>> {
        let url = format!("{}/api/v1/extraction/jobs/{id}", self.base);
        let response = self.http.get(url).send().await?.error_for_status()?;
        let body = response.bytes().await?;
        Ok(serde_json::from_slice(&body)?)
    }

    /// `GET /api/v1/extraction/jobs/{id}`: fail on a non-success status, read
    /// the body, decode it as a `serde_json::Value`.
    async fn get_job(&self, id: JobId) -> Result<serde_json::Value, Box<dyn Error + Send + Sync>> {
        let url = format!("{}/api/v1/extraction/jobs/{id}", self.base);
        let response = self.http.get(url).send().await?.error_for_status()?;
        let body = response.bytes().await?;
        Ok(serde_json::from_slice(&body)?)
    }
}
