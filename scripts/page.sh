#!/usr/bin/env bash
# Builds the page (www/, bundled into target/www by scripts/build_page.mjs) and serves it on
# http://127.0.0.1:${PORT:-8080}, after installing whatever is missing. The README's first
# command. The five sample articles are the default corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
python3 scripts/build_wasm.py release
node scripts/build_single.mjs # the same page in one file, for disk: target/single/presslens.html
node scripts/build_page.mjs # www/ with its scripts bundled and minified: target/www (issue #14)
exec node scripts/serve.mjs --root target/www # www/ as is: node scripts/serve.mjs
