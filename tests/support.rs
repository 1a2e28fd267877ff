//! What every end-to-end test starts from: a fake server and a client on it.
// Each test binary includes this module and uses a different part of it.
#![allow(dead_code)]

use llama_cloud::{Client, ClientBuilder};
use llama_cloud_fake::FakeServer;

/// A started fake and a client pointed at it with the right key.
pub async fn fake_and_client() -> (FakeServer, Client) {
    let fake = FakeServer::start()
        .await
        .expect("the fake server starts on loopback");
    let client = client_for(&fake, fake.api_key());
    (fake, client)
}

/// A client for `fake` that sends `key`.
pub fn client_for(fake: &FakeServer, key: &str) -> Client {
    configured(fake, |builder| builder.api_key(key))
}

/// A client for `fake` with its key, and settings changed by `configure`.
pub fn configured(
    fake: &FakeServer,
    configure: impl FnOnce(ClientBuilder) -> ClientBuilder,
) -> Client {
    configure(
        Client::builder()
            .api_key(fake.api_key())
            .base_url(fake.base_url()),
    )
    .build()
    .expect("a loopback base URL and a non-empty key make a valid client")
}
