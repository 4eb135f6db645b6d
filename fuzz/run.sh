#!/usr/bin/env bash
# Runs one fuzz target for a number of seconds, appends the run to fuzz/RUNS.tsv (date, commit,
# target, build and libFuzzer flags, seconds, executions, exec/s, crashes, corpus size) and
# rewrites the `fuzz` section of BENCHMARKS.md from that file (every run and the totals).
#
# Usage: bash fuzz/run.sh [TARGET] [SECONDS]   TARGET: tokenize (default) or analyze;
#                                               SECONDS default 630 (at least ten minutes)
#        bash fuzz/run.sh [SECONDS]            the tokenizer, as before
#        FUZZ_COMMIT=SHA bash fuzz/run.sh --from-log TARGET LOG   record a run already made
#                                               with the command this script prints for TARGET
#        bash fuzz/run.sh --report             only rewrite the BENCHMARKS.md section
#
# Targets (fuzz/fuzz_targets/):
#   tokenize  the tokenizer and sentence splitter on arbitrary UTF-8 (seed corpus seeds/*.txt);
#             AddressSanitizer build (cargo-fuzz's default); also writes fuzz/LAST_RUN.md for
#             benches/tokenizer_report.sh.
#   analyze   the whole analysis on batches of news-like documents, checked by
#             the shared checker (tests/support/check.rs); built with `-s none --no-trace-compares` (no sanitizer: the
#             code is safe Rust; no comparison tracing: several times the executions per
#             second in a trial on this machine, at some cost in coverage guidance),
#             inputs up to 2048 bytes (-max_len=2048).
# FUZZ_BUILD_FLAGS overrides a target's cargo-fuzz build flags (recorded with the run).
# Runs under `nice`; run one at a time (2 cores). A crash stops the run; its input is in
# fuzz/artifacts/TARGET/. cargo-fuzz needs nightly features: RUSTC_BOOTSTRAP=1 unlocks them.
set -euo pipefail
cd "$(dirname "$0")"
# The whole script is one block, read before it runs: editing this file during a run (bash
# reads scripts as it goes) once broke the recording of a 44-minute run.
{

report() {
  python3 - <<'EOF' | python3 ../scripts/bench_section.py fuzz
import csv
rows = list(csv.DictReader(open("RUNS.tsv"), delimiter="\t"))
print("## Fuzzing (issue #12)")
print()
print("Command: `bash fuzz/run.sh TARGET SECONDS` — one row per run, appended to fuzz/RUNS.tsv by")
print("that command, dated; this section is rewritten from the file by it (`bash fuzz/run.sh --report`).")
print("Targets: `tokenize` (tokenizer and sentence splitter, arbitrary UTF-8), `analyze` (whole")
print("`Analyzer::analyze` on batches of 1–4 news-like documents, checked by the shared checker, `tests/support/check.rs`).")
print("Exec/s is libFuzzer's average; the machine has 2 cores shared with other work.")
print()
print("| date | commit | target | build flags | libFuzzer flags | seconds | executions | exec/s | crashes | corpus (files, bytes) |")
print("|---|---|---|---|---|---:|---:|---:|---:|---|")
for r in rows:
    print(f"| {r['date']} | `{r['commit']}` | {r['target']} | `{r['build_flags'] or '(ASan)'}` | `{r['libfuzzer_flags'] or '-'}` "
          f"| {r['seconds']} | {int(r['executions']):,} | {r['exec_per_sec']} | {r['crashes']} | {r['corpus_files']}, {r['corpus_bytes']} |")
print()
for t in sorted({r["target"] for r in rows}):
    rs = [r for r in rows if r["target"] == t]
    print(f"- `{t}`: {sum(int(r['executions']) for r in rs):,} executions in {len(rs)} run{'s' if len(rs) > 1 else ''}, "
          f"{sum(int(r['crashes']) for r in rs)} crashes")
print(f"- all targets: {sum(int(r['executions']) for r in rows):,} executions, "
      f"{sum(int(r['crashes']) for r in rows)} crashes")
EOF
}

if [ "${1:-}" = "--report" ]; then
  report
  exit 0
fi

from_log=
if [ "${1:-}" = "--from-log" ]; then
  target=$2
  from_log=$3
  secs=
else
  target=tokenize
  if [ -n "${1:-}" ] && ! [[ $1 =~ ^[0-9]+$ ]]; then
    target=$1
    shift
  fi
  secs=${1:-630}
fi
case $target in
  tokenize) build_flags=${FUZZ_BUILD_FLAGS-}; fuzz_flags= ;;
  analyze) build_flags=${FUZZ_BUILD_FLAGS--s none --no-trace-compares}; fuzz_flags=-max_len=2048 ;;
  *) echo "run.sh: unknown target $target (tokenize or analyze)" >&2; exit 2 ;;
esac

# The code fuzzed: HEAD when the run starts, marked when src/ or the targets differ from it
# (FUZZ_COMMIT names it for --from-log, when HEAD has moved since the run).
commit=${FUZZ_COMMIT:-$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- ../src ../fuzz/fuzz_targets || echo '+changes')}
if [ -n "$from_log" ]; then
  log=$from_log
  secs=$(sed -n 's/.*-max_total_time=\([0-9]*\).*/\1/p' "$log" | head -1)
  secs=${secs:-?}
else
  log=$(mktemp)
  mkdir -p "corpus/$target" "artifacts/$target"
  [ "$target" = tokenize ] && cp ../seeds/*.txt corpus/tokenize/
  # shellcheck disable=SC2086
  RUSTC_BOOTSTRAP=1 nice cargo fuzz build $build_flags "$target"
  # The binary just built is run directly (what `cargo fuzz run` runs, with its corpus and
  # artifact folders), so edits made while it runs can neither rebuild nor change it.
  bin=target/$(rustc -vV | sed -n 's/^host: //p')/release/$target
  cmd="cargo fuzz run $build_flags $target -- $fuzz_flags -max_total_time=$secs -print_final_stats=1"
  echo "run.sh: $cmd (as $bin corpus/$target)" | tee "$log"
  # shellcheck disable=SC2086
  nice "$bin" -artifact_prefix="artifacts/$target/" $fuzz_flags -max_total_time="$secs" \
    -print_final_stats=1 "corpus/$target" >>"$log" 2>&1 || true
  tail -3 "$log"
fi
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
done_line=$(grep -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 || true)
crash=$(grep -cE 'ERROR: (libFuzzer|AddressSanitizer)' "$log" || true)
files=$(find "corpus/$target" -type f | wc -l)
bytes=$(find "corpus/$target" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')
if [ ! -f RUNS.tsv ]; then
  printf 'date\tcommit\ttarget\tbuild_flags\tlibfuzzer_flags\tseconds\texecutions\texec_per_sec\tcrashes\tcorpus_files\tcorpus_bytes\n' >RUNS.tsv
fi
printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%F)" "$commit" "$target" \
  "$build_flags" "$fuzz_flags" "$secs" "${runs:-0}" "${rate:-0}" "$crash" "$files" "$bytes" >>RUNS.tsv
echo "run.sh: $target: ${done_line:-no final line}; executions ${runs:-?}, exec/s ${rate:-?}, crashes $crash, corpus $files files, $bytes bytes"

if [ "$target" = tokenize ]; then
  {
    echo "Command: \`cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run tokenize -- -max_total_time=$secs -print_final_stats=1\`"
    echo "(seed corpus: seeds/*.txt), $(date -u +%F), $(rustc --version | cut -d' ' -f1-2), cargo-fuzz $(cargo fuzz --version 2>/dev/null | cut -d' ' -f2)."
    echo
    echo "libFuzzer: \`${done_line:-no final line}\`; executions: ${runs:-?}; crashes or failed assertions: ${crash}."
  } >LAST_RUN.md
fi
report
exit
}
