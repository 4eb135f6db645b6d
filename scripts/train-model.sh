#!/usr/bin/env bash
# Retrains the shipped tagger model exactly as committed (deterministic: same inputs, same
# seed, same bytes). Needs the gold data in ../shared/data.
# Usage: bash scripts/train-model.sh [OUT]   (OUT defaults to model/ner.bin)
# Keep the arguments from the seed on in one line: scripts/bench_tagger.sh reads them there.
set -euo pipefail
cd "$(dirname "$0")/.."
D=../shared/data/conll2003
cargo run --release -- train --train "$D/train.conll" --dev "$D/dev.conll" \
  --out "${1:-model/ner.bin}" --seed 1 --epochs 12 --max-features 17000 --without capstats --prune 2 --key-bits 28 --bag 3 --gaz-dropout 0.5 --levels 12
