//! Memory per body: a response under the size limit, however hostile its
//! shape, peaks at no more than 3 × its size + 32 MiB inside the call.
//!
//! The process's allocations are counted by a global allocator, and the
//! bodies are served by a raw loopback socket from one shared buffer, so
//! the server side allocates (almost) nothing during the call: what the
//! peak measures is the client. Each body is mostly one long array of
//! zeros, the shape that costs most per byte when a decoder builds a tree
//! of values (about 16 bytes of tree for every 2 bytes of `0,`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use llama_cloud::{Client, JobId};
use peakmem_alloc::{INSTRUMENTED_SYSTEM, PeakMemAlloc, PeakMemAllocTrait as _};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpListener;

/// The system allocator, counting the peak of bytes in use since a reset.
#[global_allocator]
static ALLOCATOR: &PeakMemAlloc<std::alloc::System> = &INSTRUMENTED_SYSTEM;

const JOB: &str = "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e";
const MIB: usize = 1 << 20;
/// The size of each hostile body.
const BODY: usize = 24 * MIB;

/// `{prefix}0,0,0,…0{suffix}`, `BODY` bytes in all.
fn zeros(prefix: &str, suffix: &str) -> Vec<u8> {
    let mut body = Vec::with_capacity(BODY);
    body.extend_from_slice(prefix.as_bytes());
    while body.len() + 2 + suffix.len() < BODY {
        body.extend_from_slice(b"0,");
    }
    body.push(b'0');
    body.extend_from_slice(suffix.as_bytes());
    body
}

/// Serves `status` with `body` (JSON) to every connection, from one buffer.
async fn serve(status: &'static str, body: Vec<u8>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let head = format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    );
    let answer: Arc<[u8]> = [head.as_bytes(), &body].concat().into();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let answer = Arc::clone(&answer);
            tokio::spawn(async move {
                let mut request = [0_u8; 4096];
                let _ = socket.read(&mut request).await;
                let _ = socket.write_all(&answer).await;
            });
        }
    });
    base
}

fn client(base: &str) -> Client {
    Client::builder()
        .api_key("llx-test")
        .base_url(base)
        .max_retries(0)
        .build()
        .unwrap()
}

/// Runs `call` and gives the peak of bytes in use during it, above what was
/// in use before.
async fn peak_during<F: Future>(call: F) -> (F::Output, usize) {
    ALLOCATOR.reset_peak_memory();
    let output = call.await;
    (output, ALLOCATOR.get_peak_memory())
}

fn assert_bounded(what: &str, peak: usize) {
    let bound = 3 * BODY + 32 * MIB;
    println!(
        "{what}: peak {:.1} MiB for a {} MiB body (bound {} MiB)",
        peak as f64 / MIB as f64,
        BODY / MIB,
        bound / MIB
    );
    assert!(
        peak <= bound,
        "{what}: {:.1} MiB over a {} MiB body",
        peak as f64 / MIB as f64,
        BODY / MIB
    );
}

fn job_with(field: &str) -> Vec<u8> {
    zeros(
        &format!(
            r#"{{"id":"{JOB}","status":"SUCCESS","extraction_agent":{{"id":"{JOB}","name":"a","project_id":"{JOB}","config":{{}},"data_schema":{{"x":["#
        ),
        &format!(r#"]}}}}{field}}}"#),
    )
}

// One test at a time: the counters are the whole process's.
#[tokio::test(flavor = "current_thread")]
async fn hostile_bodies_peak_within_three_times_their_size() {
    let id: JobId = JOB.parse().unwrap();

    let schema = job_with("");
    let base = serve("200 OK", schema.clone()).await;
    drop(schema);
    let (job, peak) = peak_during(client(&base).extraction().jobs().get(id)).await;
    job.unwrap();
    assert_bounded("a job whose data_schema holds a long array", peak);

    for (status, code) in [("422 Unprocessable Entity", 422), ("400 Bad Request", 400)] {
        let detail = zeros(r#"{"detail":["#, "]}");
        let base = serve(status, detail).await;
        let (error, peak) = peak_during(client(&base).extraction().jobs().get(id)).await;
        let error = error.unwrap_err();
        assert_eq!(error.status().map(|s| s.as_u16()), Some(code));
        assert_bounded(&format!("a {code} whose detail is a long array"), peak);
        // The error itself holds a bounded excerpt, not the body.
        assert!(error.to_string().len() < 16 * 1024);
        assert!(format!("{error:?}").len() < 64 * 1024);
    }

    let result = zeros(
        &format!(
            r#"{{"run_id":"{JOB}","extraction_agent_id":"{JOB}","extraction_metadata":{{}},"data":{{"x":["#
        ),
        "]}}",
    );
    let base = serve("200 OK", result).await;
    let (data, peak) = peak_during(client(&base).extraction().jobs().result(id)).await;
    data.unwrap();
    assert_bounded("a result whose data holds a long array", peak);
}
