//! The documentation's example job, kept verbatim so tests can compare against it.

use uuid::Uuid;

/// The example `ExtractJob` of the Get Job documentation page, byte for byte.
///
/// It is also the `example` of the 200 response in `openapi/extraction.json` (a test
/// checks the two agree). [`FakeServer::seed_example_job`](crate::FakeServer::seed_example_job)
/// inserts it; the `llama-cloud-fake` binary serves it from the start.
pub const SEED_JOB_JSON: &str = include_str!("../fixtures/seed-job.json");

/// The id of [`SEED_JOB_JSON`]: `182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e`.
pub const SEED_JOB_ID: Uuid = uuid::uuid!("182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e");
