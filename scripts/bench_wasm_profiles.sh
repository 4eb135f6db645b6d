#!/usr/bin/env bash
# Size against speed of two wasm builds (issue #14: "build wasm with a size profile where it
# does not cost speed (measure both)"): the shipped cargo opt-level 3 + wasm-opt -O3 build
# (profile release) and the opt-level "s" + wasm-opt -Oz build (profile size), both from
# wasm-pack.toml, measured in one run by scripts/bench_wasm_profiles.mjs. Not part of the test run.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
nice python3 scripts/build_wasm.py release --out-dir "$WORK/release" >/dev/null
nice python3 scripts/build_wasm.py size --out-dir "$WORK/size" >/dev/null
node scripts/bench_wasm_profiles.mjs "opt-level 3, wasm-opt -O3 (release)=$WORK/release" "opt-level s, wasm-opt -Oz (size)=$WORK/size"
