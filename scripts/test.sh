#!/usr/bin/env bash
# Runs every check and test of the project, after installing whatever is missing.
# The README's second command; .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "set-up (idempotent)"
bash scripts/setup.sh

# Tests that need the gold data skip with a reason when ../shared/data is absent; in CI it is
# always there, so its absence is a failure rather than a silent skip.
if [ -n "${CI:-}" ] && [ ! -f ../shared/data/conll2003/dev.conll ]; then
  echo "test.sh: CI is set but ../shared/data/conll2003 is missing: the gold-data tests cannot run" >&2
  exit 1
fi

step "formatting"
cargo fmt --all -- --check

step "clippy (native and wasm32)"
cargo clippy --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings

step "generated gazetteer tables are current (regenerate from the registries and diff)"
python3 scripts/build_gazetteer.py --check

step "native tests (unit, integration, CLI, generated files)"
cargo test

# Every wasm-bindgen test (the JS boundary, the model in wasm against native, the reader's
# lists); native-only test files compile to empty programs on wasm32.
step "wasm tests in Node"
cargo test --target wasm32-unknown-unknown --tests

step "wasm tests in headless Chromium"
WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test --target wasm32-unknown-unknown --test wasm --test tagger_wasm --test wasm_user_names

step "release wasm build"
python3 scripts/build_wasm.py release

step "end-to-end tests in headless Chromium"
node --test tests/e2e/
