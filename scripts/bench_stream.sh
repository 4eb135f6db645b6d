#!/usr/bin/env bash
# Throughput and memory of the streaming CLI, `presslens analyze --jsonl` (issue #15).
#
# Builds the release CLI, writes a JSON Lines corpus of at least 100 MB (the news articles of
# CoNLL-2003 train, dev and test from ../shared/data, or the sample articles in seeds/ when
# that is absent, repeated with fresh ids), then measures with /usr/bin/time -v:
#   - 100 MB pinned to one core (taskset -c 0) and to two (taskset -c 0,1): MB/s and the ratio;
#   - 200 MB on two cores: peak RSS against 100 MB, to show that memory does not grow with the
#     input (the stream keeps a bounded window of documents in flight).
# Waits (up to WAIT_S, default 600 s) while the 1-minute load average is above LOAD_MAX
# (default 1.0) and prints the load at the start of each run. Writes the `stream` section of
# BENCHMARKS.md with the command and the date. Not part of the test run.
#
# Usage: bash scripts/bench_stream.sh [--no-write]
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/time ]; then
  echo "bench_stream: installing Debian's time package for /usr/bin/time" >&2
  apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi
nice cargo build --release --bin presslens >/dev/null 2>&1 \
  || { echo "bench_stream: cargo build --release failed" >&2; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
OUT=$WORK/report.md

LOAD_MAX=${LOAD_MAX:-1.0} WAIT_S=${WAIT_S:-600} python3 - "$WORK" "$OUT" <<'EOF'
import glob, json, os, pathlib, re, subprocess, sys, time

work, out = pathlib.Path(sys.argv[1]), sys.argv[2]
load_max, wait_s = float(os.environ["LOAD_MAX"]), float(os.environ["WAIT_S"])
data = pathlib.Path("../shared/data/conll2003")
if (data / "train.jsonl").exists():
    texts = [json.loads(l)["text"] for split in ("train", "dev", "test")
             for l in (data / f"{split}.jsonl").read_text().splitlines() if l.strip()]
    source = "the CoNLL-2003 train, dev and test articles"
else:
    texts = [open(f, encoding="utf-8").read() for f in sorted(glob.glob("seeds/*.txt"))]
    source = "the sample articles in seeds/"

def corpus(path, at_least):
    """Writes the texts, repeated with fresh ids, until the text holds `at_least` bytes."""
    n = size = 0
    with open(path, "w", encoding="utf-8") as f:
        while size < at_least:
            for t in texts:
                f.write(json.dumps({"id": f"d{n}", "text": t}, ensure_ascii=False) + "\n")
                n += 1
                size += len(t.encode())
    return n, size

sys.path.insert(0, "scripts")
from machine_load import wait_quiet

def quiet():
    return wait_quiet(load_max, wait_s, 10)

def run(path, cpus):
    before = quiet()
    with open(path, "rb") as f:
        p = subprocess.run(["taskset", "-c", cpus, "/usr/bin/time", "-v",
                            "target/release/presslens", "analyze", "--jsonl"],
                           stdin=f, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    err = p.stderr.decode()
    if p.returncode != 0:
        sys.exit(f"bench_stream: presslens analyze --jsonl failed:\n{err[-2000:]}")
    lines = p.stdout.count(b"\n")
    wall = 0.0
    for part in re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (.*)", err).group(1).split(":"):
        wall = wall * 60 + float(part)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", err).group(1)) / 1024
    return wall, rss, lines, before

MB = 1_000_000
small, big = work / "100mb.jsonl", work / "200mb.jsonl"
n100, b100 = corpus(small, 100 * MB)
n200, b200 = corpus(big, 200 * MB)
w1, r1, l1, load1 = run(small, "0")
w2, r2, l2, load2 = run(small, "0,1")
w3, r3, l3, load3 = run(big, "0,1")
assert l1 == l2 == n100 and l3 == n200, "one output line per document"
rate1, rate2, rate3 = b100 / MB / w1, b100 / MB / w2, b200 / MB / w3
report = f"""## stream: `presslens analyze --jsonl` on 100 and 200 MB (issue #15)

`bash scripts/bench_stream.sh`, {time.strftime('%Y-%m-%d')}: {source} repeated with fresh ids as
JSON Lines; MB = 10^6 bytes of document text; output to a pipe that is read; /usr/bin/time -v;
pinned with taskset. One run each; the 1-minute load average before each run is shown.

| input | cores | documents | seconds | MB/s | peak RSS MiB | load before |
|---|---:|---:|---:|---:|---:|---:|
| {b100 / MB:.1f} MB | 1 | {n100:,} | {w1:.1f} | {rate1:.2f} | {r1:.0f} | {load1:.2f} |
| {b100 / MB:.1f} MB | 2 | {n100:,} | {w2:.1f} | {rate2:.2f} | {r2:.0f} | {load2:.2f} |
| {b200 / MB:.1f} MB | 2 | {n200:,} | {w3:.1f} | {rate3:.2f} | {r3:.0f} | {load3:.2f} |

Two cores against one: {rate2 / rate1:.2f}×. Peak RSS for 200 MB against 100 MB: {r3 / r2:.2f}×
(memory bounded by the window of documents in flight, not by the input)."""
open(out, "w").write(report + "\n")
print(report)
EOF

if [ "${1:-}" != "--no-write" ]; then
  python3 scripts/bench_section.py stream < "$OUT"
fi
