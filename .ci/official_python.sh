#!/usr/bin/env bash
# The official Python clients (PyPI) run their own flows against the fake binary:
#   llama-cloud 2.19.0, v2: files.create, extract.run, extract.get, extract.list
#     (paged), and the rest of client.extract (.ci/peers/python_v2_flow.py);
#   llama-cloud 1.6.0, the last with client.extraction, v1: files.create, agents,
#     jobs (create, wait_for_completion, get_result, extract), runs and the
#     stateless run (.ci/peers/python_v1_flow.py).
# The fake must serve what each official client sends and answer what it decodes;
# the flows assert each step.
#
# Usage: bash .ci/official_python.sh
# Environment (optional): OFFICIAL_PYTHON_VENVS, the folder the venvs are kept in
# (reused when they hold the right version).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENVS=${OFFICIAL_PYTHON_VENVS:-${TMPDIR:-/tmp}}

# A venv with llama-cloud at version $1; prints its python.
venv_with() {
    local version=$1 venv="$VENVS/llama-cloud-python-$1"
    if ! "$venv/bin/python" -c "import llama_cloud, sys; sys.exit(llama_cloud.__version__ != '$version')" 2>/dev/null; then
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet --disable-pip-version-check "llama-cloud==$version"
    fi
    echo "$venv/bin/python"
}
V2_PYTHON=$(venv_with 2.19.0)
V1_PYTHON=$(venv_with 1.6.0)

cd "$ROOT"
# shellcheck source=fake.sh
source "$ROOT/.ci/fake.sh"

export LLAMA_CLOUD_BASE_URL="$BASE_URL" LLAMA_CLOUD_API_KEY="$API_KEY"
"$V2_PYTHON" "$ROOT/.ci/peers/python_v2_flow.py"
"$V1_PYTHON" "$ROOT/.ci/peers/python_v1_flow.py"
