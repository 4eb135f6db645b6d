#!/usr/bin/env bash
# Writes the `tokenizer` section of BENCHMARKS.md: CoNLL-2003 token agreement and sentence
# boundaries per split (presslens tokeval), MB/s natively (criterion) and in wasm under Node,
# and the last fuzzing run (fuzz/LAST_RUN.md, written by fuzz/run.sh).
# Usage: bash benches/tokenizer_report.sh
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data/conll2003
cargo build -q --release --bin presslens
bench=$(cargo bench --bench tokenize 2>&1)
wasm=$(cargo test --release --target wasm32-unknown-unknown --test tokenize_wasm_bench -- --include-ignored --nocapture 2>&1 | grep 'wasm tokenize bench' || echo "wasm bench failed")
{
  echo "## Tokenizer and sentence splitter"
  echo
  echo "Command: \`bash benches/tokenizer_report.sh\` — $(date -u +%F), $(rustc --version | cut -d' ' -f1-2), load average at the end $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores."
  echo
  echo "### CoNLL-2003 (\`presslens tokeval --conll $data/SPLIT.conll\`)"
  echo
  echo "Tokens: gold tokens joined by spaces (sentences by newlines), tokenized again; a gold token"
  echo "counts when a predicted token has exactly its span. Sentences: each document's gold sentences"
  echo "joined by single spaces (no line breaks), split again; P/R/F1 over the internal boundaries."
  echo "The \"errors\" lines sort that measure's errors: boundaries missed where the wire copy wrapped a"
  echo "line inside a sentence, boundaries on the other side of a quotation mark from the gold's, and the"
  echo "rest; \"ceiling\" is the F1 with every error of the last kind mended (see model/README.md)."
  echo "\"Sentences on their own lines\": false splits inside gold sentences laid out one per line."
  echo
  echo '```text'
  for s in train dev test; do ./target/release/presslens tokeval --conll "$data/$s.conll"; done
  echo '```'
  echo
  echo "### Speed, native (\`cargo bench --bench tokenize\`, criterion: low / median / high)"
  echo
  echo '```text'
  echo "$bench" | grep -E 'corpus|^tokenize/|thrpt' | grep -vE 'change|%\]' || true
  echo '```'
  echo
  echo "### Speed, wasm under Node $(node --version) (\`cargo test --release --target wasm32-unknown-unknown --test tokenize_wasm_bench -- --include-ignored --nocapture\`)"
  echo
  echo '```text'
  echo "$wasm"
  echo '```'
  echo
  echo "### Fuzzing (\`bash fuzz/run.sh\`)"
  echo
  cat fuzz/LAST_RUN.md 2>/dev/null || echo "No fuzzing run recorded (fuzz/LAST_RUN.md is missing)."
} | python3 scripts/bench_section.py tokenizer
