#!/usr/bin/env bash
# The clean build times of BENCHMARKS.md ("Build time of the TLS choices"):
# three one-line binaries, each built with `cargo build` (the dev profile) in
# a target directory of its own, one after the other:
#
#   bare     reqwest (rustls with aws-lc, http2, json) + serde_json + tokio
#   default  llama-cloud with its default features (rustls with aws-lc)
#   ring     llama-cloud with default-features = false, features = ["rustls-ring"]
#
# Usage: bash crates/llama-cloud/benches/build_times.sh
# Not part of CI: run it on a quiet machine, with the registry already
# downloaded (`cargo fetch` in the workspace), since it builds --offline.
# It needs a few GiB of free disk for the three target directories, and
# removes them at the end.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/llama-cloud-build-times.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT

# One scratch crate: its name, then its [dependencies] lines.
scratch() {
    local name=$1 deps=$2
    mkdir -p "$SCRATCH/$name/src"
    cat >"$SCRATCH/$name/Cargo.toml" <<TOML
[package]
name = "build-time-$name"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
$deps

[workspace]
TOML
    echo 'fn main() { println!("built"); }' >"$SCRATCH/$name/src/main.rs"
    # The workspace's lock file: the same dependency versions as the SDK.
    cp "$ROOT/Cargo.lock" "$SCRATCH/$name/Cargo.lock"
}

scratch bare 'reqwest = { version = "0.13", default-features = false, features = ["rustls", "http2", "json"] }
serde_json = "1"
tokio = { version = "1", features = ["rt-multi-thread", "macros"] }'
scratch default "llama-cloud = { path = \"$ROOT/crates/llama-cloud\" }"
scratch ring "llama-cloud = { path = \"$ROOT/crates/llama-cloud\", default-features = false, features = [\"rustls-ring\"] }"

# "compiled": the crates cargo compiled for the build (its "Compiling" lines).
printf '%-8s %10s %9s\n' build seconds compiled
for name in bare default ring; do
    cd "$SCRATCH/$name"
    started=$(date +%s.%N)
    compiled=$(cargo build --offline --color never --target-dir "$SCRATCH/target-$name" 2>&1 |
        grep -c '^ *Compiling ')
    ended=$(date +%s.%N)
    awk -v name="$name" -v from="$started" -v to="$ended" -v compiled="$compiled" \
        'BEGIN { printf "%-8s %10.1f %9d\n", name, to - from, compiled }'
    rm -rf "$SCRATCH/target-$name"
done
