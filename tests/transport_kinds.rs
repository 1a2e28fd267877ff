//! Each way a request can fail without an answer has an error of its own
//! and a retry decision of its own: a refused connection and a body that
//! breaks off are retried, an answer that is not HTTP is not. The servers
//! here are raw loopback sockets that misbehave on purpose.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use llama_cloud::{Client, Error, JobId};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpListener;

const JOB: &str = "5e2f0c9a-1b2c-4d3e-8f40-123456789abc";

/// A server that answers every connection with `answer`, counting them.
async fn serve(answer: &'static [u8]) -> (String, Arc<AtomicU32>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let count = Arc::new(AtomicU32::new(0));
    let seen = Arc::clone(&count);
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            seen.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                let mut request = [0_u8; 4096];
                let _ = socket.read(&mut request).await;
                let _ = socket.write_all(answer).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    (base, count)
}

fn client(base: &str) -> Client {
    Client::builder()
        .api_key("llx-test")
        .base_url(base)
        .max_retries(2)
        .build()
        .unwrap()
}

fn job() -> JobId {
    JOB.parse().unwrap()
}

#[tokio::test]
async fn an_answer_that_is_not_http_is_a_protocol_error_and_is_not_retried() {
    let (base, connections) = serve(b"SSH-2.0-OpenSSH_9.6\r\n\r\n").await;
    let error = client(&base)
        .extraction()
        .jobs()
        .get(job())
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Protocol { attempts: 1, .. }),
        "{error:?}"
    );
    assert!(!error.is_retryable());
    assert_eq!(connections.load(Ordering::SeqCst), 1);
    assert!(error.to_string().contains("not valid HTTP"), "{error}");
}

#[tokio::test]
async fn a_body_that_breaks_off_is_a_body_error_and_is_retried() {
    let (base, connections) = serve(
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{\"id\":",
    )
    .await;
    let error = client(&base)
        .extraction()
        .jobs()
        .get(job())
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::ResponseBody { attempts: 3, .. }),
        "{error:?}"
    );
    assert_eq!(connections.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_refused_connection_is_a_connection_error_and_is_retried() {
    // Bound, then dropped: nothing listens on the port any more.
    let port = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let error = client(&base)
        .extraction()
        .jobs()
        .get(job())
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Connection { attempts: 3, .. }),
        "{error:?}"
    );
    assert!(error.is_retryable());
}
