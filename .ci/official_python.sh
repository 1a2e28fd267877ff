#!/usr/bin/env bash
# The official Python client, llama-cloud 2.19.0 (PyPI), runs its own v2 flow against
# the fake binary: files.create, extract.run, extract.get, extract.list (paged), and
# the rest of client.extract. The fake must serve what the official client sends and
# answer what it decodes; .ci/peers/python_v2_flow.py asserts each step.
#
# Usage: bash .ci/official_python.sh
# Environment (optional): OFFICIAL_PYTHON_VENV, where to keep the venv (reused).
set -euo pipefail

LLAMA_CLOUD_VERSION=2.19.0
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${OFFICIAL_PYTHON_VENV:-${TMPDIR:-/tmp}/llama-cloud-python-$LLAMA_CLOUD_VERSION}

if ! "$VENV/bin/python" -c "import llama_cloud, sys; sys.exit(llama_cloud.__version__ != '$LLAMA_CLOUD_VERSION')" 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "llama-cloud==$LLAMA_CLOUD_VERSION"
fi

cd "$ROOT"
# shellcheck source=fake.sh
source "$ROOT/.ci/fake.sh"

LLAMA_CLOUD_BASE_URL="$BASE_URL" LLAMA_CLOUD_API_KEY="$API_KEY" \
    "$VENV/bin/python" "$ROOT/.ci/peers/python_v2_flow.py"
