//! The client: from the environment, or on an embedded fake when no key is
//! set.

use std::time::Duration;

use llama_cloud::Client;
use llama_cloud_fake::{FakeServer, Outcome, Script};

/// A client, and the fake it talks to when there is one (kept alive with it).
pub struct Connection {
    pub client: Client,
    _fake: Option<FakeServer>,
}

pub async fn connect() -> Result<Connection, Box<dyn std::error::Error>> {
    let key_is_set = std::env::var("LLAMA_CLOUD_API_KEY").is_ok_and(|key| !key.trim().is_empty());
    if key_is_set {
        return Ok(Connection {
            client: Client::from_env()?,
            _fake: None,
        });
    }
    let fake = FakeServer::start().await?;
    // Jobs take a little while, as real ones do (and as the batch's status
    // rounds, which read listings, can see).
    fake.set_default_script(Script::after_between(
        Duration::from_millis(300),
        Duration::from_secs(3),
        Outcome::Success,
    ));
    eprintln!(
        "LLAMA_CLOUD_API_KEY is not set: running on an embedded fake LlamaCloud at {} \
         (results are placeholders)",
        fake.base_url()
    );
    let client = Client::builder()
        .api_key(fake.api_key())
        .base_url(fake.base_url())
        .build()?;
    Ok(Connection {
        client,
        _fake: Some(fake),
    })
}
