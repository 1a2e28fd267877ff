#!/usr/bin/env bash
# The crates as crates.io would get them: `cargo package` packs every
# publishable crate of the workspace, then the packed crates are unpacked
# side by side and built and tested there, each from its .crate against the
# others, with no access to the repository: a file a crate needs but does not
# ship, or a test that reads one outside its package, fails here. That build
# is cargo's own verification and more, so the packing skips it
# (`--no-verify`); PACKAGE_VERIFY=1 runs it too.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

CRATES=(llama-cloud-core llama-cloud-api llama-cloud-fake llama-cloud llama-extract)
VERSION=$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "llama-cloud"))')

flags=(--workspace --exclude llama-cloud-e2e --exclude xtask)
[[ -n "${PACKAGE_VERIFY:-}" ]] || flags+=(--no-verify)
[[ -z "${PACKAGE_ALLOW_DIRTY:-}" ]] || flags+=(--allow-dirty)
cargo package "${flags[@]}"

UNPACKED=$(mktemp -d "${TMPDIR:-/tmp}/llama-cloud-packages.XXXXXX")
trap 'rm -rf "$UNPACKED"' EXIT
members=""
patches=""
for crate in "${CRATES[@]}"; do
    tar -xzf "target/package/$crate-$VERSION.crate" -C "$UNPACKED"
    members+="\"$crate-$VERSION\", "
    patches+="$crate = { path = \"$crate-$VERSION\" }"$'\n'
done
# A workspace of the unpacked crates only; the repository's lock file keeps
# the dependency versions the same, and its target directory the builds of
# the dependencies (the unpacked crates get artifacts of their own: their
# source path differs).
cat >"$UNPACKED/Cargo.toml" <<TOML
[workspace]
resolver = "3"
members = [${members%, }]

[patch.crates-io]
$patches
TOML
cp Cargo.lock "$UNPACKED/Cargo.lock"
cd "$UNPACKED"
CARGO_TARGET_DIR="$ROOT/target" cargo test --workspace --quiet
echo "package.sh: ${CRATES[*]} pack, build from their .crate files and pass their own tests"
