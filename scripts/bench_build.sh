#!/usr/bin/env bash
# Measures the release wasm module (raw and gzipped) and writes the `build` section of
# BENCHMARKS.md. Usage: bash scripts/bench_build.sh [SETUP_SECONDS]
# SETUP_SECONDS, when given, is the wall time of `bash scripts/setup.sh` measured on a fresh
# machine by scripts/bench_fresh_setup.sh, which calls this script with it.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 scripts/build_wasm.py release >/dev/null
wasm=www/pkg/presslens_bg.wasm
js=www/pkg/presslens.js
size() { stat -c %s "$1"; }
gz() { gzip -9 -c "$1" | wc -c; }
{
  echo "## Build"
  echo
  echo "Command: \`bash scripts/bench_build.sh\` — $(date -u +%F), $(rustc --version | cut -d' ' -f1-2), wasm-bindgen $(wasm-bindgen --version | cut -d' ' -f2)."
  echo
  echo "| file | raw bytes | gzip -9 bytes |"
  echo "|---|---:|---:|"
  echo "| \`$wasm\` | $(size $wasm) | $(gz $wasm) |"
  echo "| \`$js\` | $(size $js) | $(gz $js) |"
  if [ -n "${1:-}" ]; then
    echo
    echo "Full set-up on a fresh machine (\`bash scripts/bench_fresh_setup.sh\`): $1 s."
  fi
} | python3 scripts/bench_section.py build
