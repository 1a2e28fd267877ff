//! The API key appears in no log line at any level, and in no `Debug` or
//! `Display` of the client or of any error.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use llama_cloud::{Client, JobId, RequestOptions};
use llama_cloud_fake::{FakeServer, Fault, Route, StatusCode};

const KEY: &str = "llx-e2e-secret-key-0123456789";

/// Collects everything the subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn the_key_is_never_logged_or_displayed() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let fake = FakeServer::builder().api_key(KEY).start().await.unwrap();
    let job_id: JobId = fake.seed_example_job().unwrap().into();
    let client = Client::builder()
        .api_key(KEY)
        .base_url(fake.base_url())
        .build()
        .unwrap();

    let mut shown = vec![format!("{client:?}"), format!("{client:#?}")];
    fake.inject(
        Route::GetJob,
        Fault::rate_limited(Duration::from_millis(10)),
        1,
    );
    fake.inject(Route::GetJob, Fault::DropConnection, 1);
    let job = client.extraction().jobs().get(job_id).await.unwrap();
    shown.push(format!("{job:?}"));

    let wrong = Client::builder()
        .api_key("llx-wrong")
        .base_url(fake.base_url())
        .build()
        .unwrap();
    fake.inject(
        Route::GetJob,
        Fault::status(StatusCode::SERVICE_UNAVAILABLE),
        3,
    );
    let errors = [
        client.extraction().jobs().get(job_id).await.unwrap_err(),
        wrong.extraction().jobs().get(job_id).await.unwrap_err(),
        client
            .with_options(RequestOptions::new().max_retries(0))
            .extraction()
            .jobs()
            .get("00000000-0000-4000-8000-000000000002".parse().unwrap())
            .await
            .unwrap_err(),
        Client::builder()
            .api_key(KEY)
            .base_url("http://example.com")
            .build()
            .unwrap_err(),
        Client::builder()
            .api_key(format!("{KEY}\u{7}"))
            .build()
            .unwrap_err(),
    ];
    for error in &errors {
        shown.push(format!("{error}"));
        shown.push(format!("{error:?}"));
    }

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("llama_cloud.request"),
        "the requests were traced:\n{logs}"
    );
    assert!(
        logs.contains("retrying"),
        "the retries were traced:\n{logs}"
    );
    assert!(!logs.contains(KEY), "the key is in the logs:\n{logs}");
    assert!(
        !logs.to_ascii_lowercase().contains("bearer"),
        "an auth header is in the logs:\n{logs}"
    );
    for text in shown {
        assert!(!text.contains(KEY), "the key is in: {text}");
    }
}
