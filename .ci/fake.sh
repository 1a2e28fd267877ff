# Sourced by the checks that run against the fake binary (.ci/schemathesis.sh,
# .ci/official_python.sh): builds it, starts it on a free port with its seeded data,
# and sets BASE_URL, API_KEY and WORK (a scratch directory removed on exit, with the
# fake stopped). ROOT must be the workspace root.

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
    echo "$(basename "$0"): the fake did not print its base URL" >&2
    exit 1
fi
echo "$(basename "$0"): fake at $BASE_URL"
