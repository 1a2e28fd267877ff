#!/usr/bin/env bash
# Checks that the fake server's answers conform to openapi/extraction.json:
# schemathesis generates requests for every operation of the fragment (valid and
# invalid ids and bodies, missing auth, other methods) and validates every status,
# header and body it gets back against the fragment. .ci/schemathesis.toml points
# some requests at the binary's seeded data and lists the 422s the fragment cannot
# express.
#
# Usage: bash .ci/schemathesis.sh
# Environment (all optional):
#   SCHEMATHESIS_VENV      where to keep the Python venv (reused between runs)
#   SCHEMATHESIS_SEED      the generation seed (fixed by default, so CI is repeatable)
#   SCHEMATHESIS_EXAMPLES  test cases per operation and phase (default 100: about two
#                          minutes on two cores; raise it for a deeper local run)
set -euo pipefail

# 4.32.5 runs on the machine's CPython 3.11; the CLI below is its syntax
# (`st run SPEC --url --header --checks --seed --max-examples`).
SCHEMATHESIS_VERSION=4.32.5
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${SCHEMATHESIS_VENV:-${TMPDIR:-/tmp}/llama-cloud-schemathesis-$SCHEMATHESIS_VERSION}
SEED=${SCHEMATHESIS_SEED:-20240611}
EXAMPLES=${SCHEMATHESIS_EXAMPLES:-100}

if ! "$VENV/bin/st" --version 2>/dev/null | grep -qF "$SCHEMATHESIS_VERSION"; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

cd "$ROOT"
cargo build --quiet -p llama-cloud-fake --bin llama-cloud-fake
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
FAKE="$TARGET_DIR/debug/llama-cloud-fake"

WORK=$(mktemp -d)
FAKE_PID=
stop_fake() {
    if [[ -n "$FAKE_PID" ]] && kill -0 "$FAKE_PID" 2>/dev/null; then
        kill -TERM "$FAKE_PID"
        wait "$FAKE_PID" || true
    fi
    rm -rf "$WORK"
}
trap stop_fake EXIT

# Port 0: the fake picks a free port and prints its base URL, so there is no race
# between finding a free port and binding it.
"$FAKE" --port 0 >"$WORK/stdout" 2>"$WORK/stderr" &
FAKE_PID=$!
BASE_URL=
for _ in $(seq 1 300); do
    BASE_URL=$(sed -n 's/^LLAMA_CLOUD_BASE_URL=//p' "$WORK/stdout")
    API_KEY=$(sed -n 's/^LLAMA_CLOUD_API_KEY=//p' "$WORK/stdout")
    [[ -n "$BASE_URL" && -n "$API_KEY" ]] && break
    kill -0 "$FAKE_PID" 2>/dev/null || { cat "$WORK/stderr" >&2; exit 1; }
    sleep 0.1
done
if [[ -z "$BASE_URL" ]]; then
    echo "schemathesis.sh: the fake did not print its base URL" >&2
    exit 1
fi
echo "schemathesis.sh: fake at $BASE_URL"

# From the scratch directory: schemathesis and hypothesis leave their caches
# (.schemathesis/, .hypothesis/) in the working directory.
cd "$WORK"
"$VENV/bin/st" --config-file "$ROOT/.ci/schemathesis.toml" run "$ROOT/openapi/extraction.json" \
    --url "$BASE_URL" \
    --header "Authorization: Bearer $API_KEY" \
    --seed "$SEED" \
    --max-examples "$EXAMPLES"
