#!/usr/bin/env bash
# Every TLS choice of llama-cloud builds: the default (rustls with aws-lc),
# rustls with ring, native-tls, and none at all (`default-features = false`).
# `cargo check` each; with ring, the unit test that builds an https client
# also runs: ring is the choice that has no provider of its own in reqwest,
# so that is where building a client would break (the default's test is in
# the workspace run). native-tls needs OpenSSL's headers on Linux.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! pkg-config --exists openssl 2>/dev/null; then
    if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
        apt-get install -y --no-install-recommends libssl-dev pkg-config >/dev/null
    else
        echo "features.sh: OpenSSL's headers are missing (libssl-dev): native-tls cannot build" >&2
        exit 1
    fi
fi

for features in "" "--no-default-features" "--no-default-features --features rustls-ring" "--no-default-features --features native-tls"; do
    echo "--- cargo check -p llama-cloud ${features:-(default features)}"
    # shellcheck disable=SC2086
    cargo check --quiet -p llama-cloud $features
done
echo "--- an https client builds with rustls-ring"
cargo test --quiet -p llama-cloud --no-default-features --features rustls-ring --lib an_https_client_builds
