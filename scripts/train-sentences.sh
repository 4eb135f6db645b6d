#!/usr/bin/env bash
# Retrains the shipped sentence-boundary classifier exactly as committed (deterministic).
# Needs the gold data in ../shared/data.
# Usage: bash scripts/train-sentences.sh [OUT]   (OUT defaults to model/sentences.bin)
set -euo pipefail
cd "$(dirname "$0")/.."
D=../shared/data/conll2003
cargo run --release -- train-sentences --train "$D/train.conll" --dev "$D/dev.conll" \
  --out "${1:-model/sentences.bin}" --seed 1 --epochs 15
