#!/usr/bin/env bash
# Runs every cargo-fuzz target of fuzz/ for a while each: the parsers that
# take untrusted input (page ranges, the job decoder, every model the real
# upstream answers with, the error-body parser). Needs a nightly toolchain
# (libFuzzer's instrumentation); without one it says so and passes.
#
# Usage: bash .ci/fuzz.sh
# Environment (all optional):
#   FUZZ_SECONDS   how long each target runs (default 30)
#   FUZZ_CORPUS    where the corpora grow (default a fresh temporary folder)
set -euo pipefail

CARGO_FUZZ_VERSION=0.13.2
SECONDS_EACH=${FUZZ_SECONDS:-30}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ -n "${FUZZ_CORPUS:-}" ]]; then
    CORPUS=$FUZZ_CORPUS
else
    # A corpus of our own making is only this run's: remove it at the end.
    CORPUS=$(mktemp -d "${TMPDIR:-/tmp}/llama-cloud-fuzz.XXXXXX")
    trap 'rm -rf "$CORPUS"' EXIT
fi

if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    echo "no nightly toolchain: fuzzing skipped (rustup toolchain install nightly to run it)"
    exit 0
fi
if ! cargo fuzz --version 2>/dev/null | grep -qF "$CARGO_FUZZ_VERSION"; then
    cargo install cargo-fuzz --locked --version "$CARGO_FUZZ_VERSION"
fi

cd "$ROOT/fuzz"
cargo +nightly fuzz build
for target in $(cargo +nightly fuzz list); do
    mkdir -p "$CORPUS/$target"
    echo "--- $target: ${SECONDS_EACH} s"
    # The documented example job seeds every decoder with a real shape.
    status=0
    cargo +nightly fuzz run "$target" "$CORPUS/$target" "$ROOT/openapi/examples" -- \
        -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
        >"$CORPUS/$target.log" 2>&1 || status=$?
    grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|SUMMARY)' "$CORPUS/$target.log" || true
    if [ "$status" -ne 0 ]; then
        tail -n 60 "$CORPUS/$target.log"
        echo "$target failed (exit $status); the failing input is in fuzz/artifacts/$target/"
        exit 1
    fi
done
echo "fuzzing: every target ran ${SECONDS_EACH} s without a failure"
