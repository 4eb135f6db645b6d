#!/usr/bin/env bash
# Native throughput of the full pipeline (issue #14): `presslens analyze` on the browser
# benchmark's corpus (the five sample articles in seeds/ repeated as JSON Lines until the text
# holds MB megabytes, default 5; the same corpus scripts/bench_browser.mjs gives the CLI),
# pinned to one core (taskset -c 0) and to two (taskset -c 0,1), best of ROUNDS (default 3).
#
#   bash scripts/bench_native.sh                 # builds the release CLI, measures it
#   bash scripts/bench_native.sh OLD_BIN NEW_BIN # no build: compares binaries, alternating runs
#
# With several binaries the runs alternate (A B A B ...) so a machine shared with other work
# loads both alike, and the CPU time of the one-core runs is printed too (less noisy on a
# shared machine); each one's output on the corpus is checked to be byte-identical to the
# first's. Waits (up to WAIT_S, default 120 s) while the 1-minute load average is above
# LOAD_MAX (default 1.0) before each run, and prints the load. Not part of the test run.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then
  nice cargo build --release --bin presslens >/dev/null 2>&1 \
    || { echo "bench_native: cargo build --release failed" >&2; exit 1; }
  set -- target/release/presslens
fi
MB=${MB:-5} ROUNDS=${ROUNDS:-3} LOAD_MAX=${LOAD_MAX:-1.0} WAIT_S=${WAIT_S:-120} \
  python3 - "$@" <<'PY'
import glob, hashlib, json, os, resource, subprocess, sys, time

bins = sys.argv[1:]
mb, rounds = float(os.environ["MB"]), int(os.environ["ROUNDS"])
load_max, wait_s = float(os.environ["LOAD_MAX"]), float(os.environ["WAIT_S"])
seeds = [(os.path.basename(f), open(f, encoding="utf-8").read()) for f in sorted(glob.glob("seeds/*.txt"))]
lines, size, r = [], 0, 0
while size < mb * 1e6:  # as scripts/bench_browser.mjs cli()
    for name, text in seeds:
        if size >= mb * 1e6:
            break
        lines.append(json.dumps({"id": f"{r}-{name}", "text": text}, ensure_ascii=False))
        size += len(text.encode())
    r += 1
corpus = ("\n".join(lines) + "\n").encode()

sys.path.insert(0, "scripts")
from machine_load import wait_quiet

def quiet():
    return wait_quiet(load_max, wait_s, 5)

digests = {}
best = {(b, c): float("inf") for b in bins for c in ("0", "0,1")}
cpu = {b: float("inf") for b in bins}  # user + system seconds on one core: less noisy when shared
loads = []
for cpus in ("0", "0,1"):
    for _ in range(rounds):
        for b in bins:
            loads.append(quiet())
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            p = subprocess.run(["taskset", "-c", cpus, b, "analyze"], input=corpus, capture_output=True)
            dt = time.perf_counter() - t
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            if cpus == "0":
                cpu[b] = min(cpu[b], r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
            if p.returncode != 0:
                sys.exit(f"bench_native: {b} analyze failed: {p.stderr.decode()[:500]}")
            digests.setdefault(b, hashlib.md5(p.stdout).hexdigest())
            best[(b, cpus)] = min(best[(b, cpus)], dt)
print(f"`bash scripts/bench_native.sh {' '.join(sys.argv[1:])}` — {time.strftime('%Y-%m-%d')}, "
      f"{size} bytes of text ({len(lines)} documents, {len(corpus)} bytes of JSON Lines), best of {rounds}, "
      f"1-minute load at the runs' starts {min(loads):.2f}–{max(loads):.2f}")
print()
print("| binary | output md5 | 1 core | MB/s | CPU time on 1 core | 2 cores | MB/s | 2 / 1 |")
print("|---|---|---:|---:|---:|---:|---:|---:|")
for b in bins:
    one, two = best[(b, "0")], best[(b, "0,1")]
    print(f"| {b} | {digests[b][:8]} | {one:.2f} s | {size / 1e6 / one:.2f} | {cpu[b]:.2f} s | {two:.2f} s | {size / 1e6 / two:.2f} | {one / two:.2f}× |")
if len(bins) > 1:
    base = best[(bins[0], "0")]
    for b in bins[1:]:
        print(f"{b} / {bins[0]} on one core: {base / best[(b, '0')]:.2f}× the throughput "
              f"({cpu[bins[0]] / cpu[b]:.2f}× by CPU time)")
if len(set(digests.values())) > 1:
    sys.exit("bench_native: the binaries' outputs differ on the corpus (md5 above): an optimisation changed the result")
PY
