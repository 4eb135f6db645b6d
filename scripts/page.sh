#!/usr/bin/env bash
# Builds the page and serves it on http://127.0.0.1:${PORT:-8080}, after installing whatever is
# missing. The README's first command. The five sample articles are the default corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
python3 scripts/build_wasm.py release
node scripts/build_single.mjs # the same page in one file, for disk: target/single/presslens.html
exec node scripts/serve.mjs
