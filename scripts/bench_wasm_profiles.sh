#!/usr/bin/env bash
# Size against speed of two wasm builds (issue #14: "build wasm with a size profile where it
# does not cost speed (measure both)"): the shipped cargo opt-level 3 + wasm-opt -O3 build
# (profile release) and the opt-level "s" + wasm-opt -Oz build (profile size), both from
# wasm-pack.toml, measured in one run by scripts/bench_wasm_profiles.mjs; and the release build
# without WebAssembly SIMD (CARGO_ENCODED_RUSTFLAGS empty instead of .cargo/config.toml's
# +simd128, in its own target folder, target/wasm-nosimd). Not part of the test run.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
nice python3 scripts/build_wasm.py release --out-dir "$WORK/release" >/dev/null
nice python3 scripts/build_wasm.py size --out-dir "$WORK/size" >/dev/null
CARGO_TARGET_DIR=target/wasm-nosimd CARGO_ENCODED_RUSTFLAGS='' \
  nice python3 scripts/build_wasm.py release --out-dir "$WORK/nosimd" >/dev/null
node scripts/bench_wasm_profiles.mjs "opt-level 3, wasm-opt -O3 (release)=$WORK/release" \
  "opt-level s, wasm-opt -Oz (size)=$WORK/size" "release without SIMD=$WORK/nosimd"
