#!/usr/bin/env bash
# Fuzzes the tokenizer and sentence splitter and records the run in fuzz/LAST_RUN.md.
# Usage: bash fuzz/run.sh [SECONDS]        (default 630: at least ten minutes)
#        bash fuzz/run.sh --from-log LOG   (record a run already made with the command below)
# cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP=1 unlocks them on the stable toolchain.
set -euo pipefail
cd "$(dirname "$0")"
secs=630
if [ "${1:-}" = "--from-log" ]; then
  log=$2
else
  secs=${1:-630}
  log=$(mktemp)
  mkdir -p corpus/tokenize
  cp ../seeds/*.txt corpus/tokenize/
  RUSTC_BOOTSTRAP=1 nice cargo fuzz run tokenize -- -max_total_time="$secs" -print_final_stats=1 2>&1 | tee "$log" | tail -3
fi
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
done_line=$(grep -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1)
crash=$(grep -cE 'panicked|ERROR: libFuzzer|SUMMARY: ' "$log" || true)
{
  echo "Command: \`cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run tokenize -- -max_total_time=$secs -print_final_stats=1\`"
  echo "(seed corpus: seeds/*.txt), $(date -u +%F), $(rustc --version | cut -d' ' -f1-2), cargo-fuzz $(cargo fuzz --version 2>/dev/null | cut -d' ' -f2)."
  echo
  echo "libFuzzer: \`${done_line:-no final line}\`; executions: ${runs:-?}; crashes or failed assertions: ${crash}."
} > LAST_RUN.md
cat LAST_RUN.md
