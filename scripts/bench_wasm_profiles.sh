#!/usr/bin/env bash
# Size against speed of two wasm builds (issue #14: "build wasm with a size profile where it
# does not cost speed (measure both)"): the cargo opt-level 3 + wasm-opt -O3 build and the
# opt-level "s" + wasm-opt -Oz build, both from wasm-pack.toml's profiles, measured in one run
# by scripts/bench_wasm_profiles.mjs. Not part of the test run.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
nice python3 scripts/build_wasm.py speed --out-dir "$WORK/speed" >/dev/null
nice python3 scripts/build_wasm.py release --out-dir "$WORK/release" >/dev/null
node scripts/bench_wasm_profiles.mjs "opt-level 3, wasm-opt -O3=$WORK/speed" "opt-level s, wasm-opt -Oz (release)=$WORK/release"
