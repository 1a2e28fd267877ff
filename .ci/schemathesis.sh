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
# shellcheck source=fake.sh
source "$ROOT/.ci/fake.sh"

# From the scratch directory: schemathesis and hypothesis leave their caches
# (.schemathesis/, .hypothesis/) in the working directory.
cd "$WORK"
"$VENV/bin/st" --config-file "$ROOT/.ci/schemathesis.toml" run "$ROOT/openapi/extraction.json" \
    --url "$BASE_URL" \
    --header "Authorization: Bearer $API_KEY" \
    --seed "$SEED" \
    --max-examples "$EXAMPLES"
