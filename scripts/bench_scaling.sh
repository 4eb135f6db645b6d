#!/usr/bin/env bash
# Scaling of `presslens analyze` with document size (issue #12: no quadratic time).
#
# Builds the release CLI, then measures wall time, CPU time (user + system) and peak RSS
# (`/usr/bin/time -v`) of `presslens analyze` on
#   - ONE document of 1, 2, 4, 8 and 16 MiB of news text: the sample articles in seeds/
#     concatenated (blank line between them) and repeated, cut to exactly that many bytes at a
#     character boundary, as JSONL with one record;
#   - 1,000 documents of 16 KiB each (consecutive 16 KiB pieces of the same text);
#   - a stress series (not news copy, not part of the 1.7-2.3 target): one document of 1, 2, 4
#     and 8 MiB where every sentence names two new people whose surnames share few 3-letter
#     prefixes, the worst case for name resolution's blocking;
#   - a reader's name list of 100,000 `* WordN` patterns (issue #12: such a list made analysis
#     150x slower) on the 1 MiB document, against no list.
# Prints the time and memory ratio of each 2x step (the issue's target: time ratio between 1.7
# and 2.3) and writes the `scaling` section of BENCHMARKS.md with the command and the date.
# Not part of the test run. Installs Debian's `time` package if /usr/bin/time is missing.
#
# Usage: bash scripts/bench_scaling.sh [--no-write]     (--no-write: print only)
# REPEATS=N (default 1) runs each input N times and keeps the fastest (wall) run.
# LIMIT_S (default 600) stops a run that takes longer and reports it as over the limit.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/time ]; then
  echo "bench_scaling: installing Debian's time package for /usr/bin/time" >&2
  apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi

nice cargo build --release --bin presslens >/dev/null 2>&1 \
  || { echo "bench_scaling: cargo build --release failed" >&2; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
OUT=$WORK/report.md

REPEATS=${REPEATS:-1} LIMIT_S=${LIMIT_S:-600} python3 - "$WORK" "$OUT" <<'EOF'
import glob, json, os, re, subprocess, sys

work, out = sys.argv[1], sys.argv[2]
repeats, limit = int(os.environ["REPEATS"]), int(os.environ["LIMIT_S"])
seeds = "\n\n".join(open(f, encoding="utf-8").read().strip() for f in sorted(glob.glob("seeds/*.txt")))
MiB = 1 << 20
corpus = (seeds + "\n\n") * (16 * MiB // len(seeds.encode()) + 2)
data = corpus.encode()

def cut(b, n):
    """The first n bytes of b, shortened to a character boundary."""
    while n > 0 and (b[n] & 0xC0) == 0x80:
        n -= 1
    return b[:n].decode()

def measure(name, path, extra=()):
    best = None
    for _ in range(repeats):
        with open(path, "rb") as f:
            try:
                p = subprocess.run(["/usr/bin/time", "-v", "target/release/presslens", "analyze", *extra],
                                   stdin=f, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   timeout=limit, check=False)
            except subprocess.TimeoutExpired:
                return None
        err = p.stderr.decode()
        if p.returncode != 0:
            sys.exit(f"bench_scaling: presslens analyze failed on {name}:\n{err[-2000:]}")
        def field(label):
            return re.search(re.escape(label) + r": (.*)", err).group(1).strip()
        wall = 0.0
        for part in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":"):
            wall = wall * 60 + float(part)
        cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
        rss = int(field("Maximum resident set size (kbytes)")) / 1024
        if best is None or wall < best[0]:
            best = (wall, cpu, rss)
    return best

rows = []
for mib in [1, 2, 4, 8, 16]:
    path = os.path.join(work, f"one-{mib}.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": f"one-{mib}MiB", "text": cut(data, mib * MiB)}) + "\n")
    r = measure(f"{mib} MiB", path)
    rows.append((f"one document of {mib} MiB", mib, r))
    print(f"bench_scaling: {mib} MiB: {r}", file=sys.stderr)
# Stress series: synthetic copy where every sentence names new people (surnames from 18
# syllables, so their 3-letter prefixes are few and name resolution's blocks grow with the text).
import random
random.seed(1)
syl = ["ka", "ro", "vi", "mi", "lo", "sa", "te", "nu", "po", "dra", "ge", "zi", "ban", "kov", "ich", "sk", "ta", "le"]
def name():
    return "".join(random.choice(syl) for _ in range(3)).capitalize()
parts, size = [], 0
while size < 8 * MiB:
    a, b = name(), name()
    s = f"{a} {b} met officials in {name()}grad on Monday. \"We will keep talking to everyone,\" {b} said. {b} later left.\n"
    parts.append(s)
    size += len(s)
names_text = "".join(parts).encode()
stress = []
for mib in [1, 2, 4, 8]:
    path = os.path.join(work, f"names-{mib}.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": f"names-{mib}MiB", "text": cut(names_text, mib * MiB)}) + "\n")
    r = measure(f"names {mib} MiB", path)
    stress.append((f"many new names, {mib} MiB", mib, r))
    print(f"bench_scaling: names {mib} MiB: {r}", file=sys.stderr)
names_path = os.path.join(work, "names-100k.tsv")
with open(names_path, "w", encoding="utf-8") as f:
    f.writelines(f"* Word{i}\tMISC\n" for i in range(100_000))
with_list = measure("1 MiB with 100,000 '* WordN' names", os.path.join(work, "one-1.jsonl"), ["--names", names_path])
print(f"bench_scaling: 1 MiB with the name list: {with_list}", file=sys.stderr)
path = os.path.join(work, "batch.jsonl")
with open(path, "w", encoding="utf-8") as f:
    for i in range(1000):
        start = i * 16384
        while (data[start] & 0xC0) == 0x80:  # to a character boundary
            start += 1
        piece = cut(data[start:], 16384)
        f.write(json.dumps({"id": f"d{i}", "text": piece}) + "\n")
batch = measure("1000 x 16 KiB", path)
print(f"bench_scaling: 1000 x 16 KiB: {batch}", file=sys.stderr)

lines = []
lines.append("| input | wall s | CPU s (user+sys) | peak RSS MiB | wall ratio to previous | CPU ratio | RSS ratio |")
lines.append("|---|---:|---:|---:|---:|---:|---:|")
prev = None
ratios = []
for name, mib, r in rows:
    if r is None:
        lines.append(f"| {name} | over {limit} s | | | | | |")
        prev = None
        continue
    wall, cpu, rss = r
    if prev is not None:
        rw, rc, rr = wall / prev[0], cpu / prev[1], rss / prev[2]
        ratios.append((mib, rw, rc, rr))
        ratio = f"{rw:.2f} | {rc:.2f} | {rr:.2f}"
    else:
        ratio = "– | – | –"
    lines.append(f"| {name} | {wall:.2f} | {cpu:.2f} | {rss:.0f} | {ratio} |")
    prev = r
if batch is None:
    lines.append(f"| 1,000 documents of 16 KiB | over {limit} s | | | | | |")
else:
    lines.append(f"| 1,000 documents of 16 KiB (15.6 MiB) | {batch[0]:.2f} | {batch[1]:.2f} | {batch[2]:.0f} | | | |")
lines.append("")
for m, rw, rc, rr in ratios:
    verdict = "inside" if 1.7 <= rc <= 2.3 else ("below (sub-linear)" if rc < 1.7 else "ABOVE")
    lines.append(f"- {m // 2} → {m} MiB: time × {rw:.2f} wall, × {rc:.2f} CPU ({verdict} the 1.7–2.3 target, on CPU time); memory × {rr:.2f}")
if batch is not None and rows[-1][2] is not None:
    one = rows[-1][2]
    lines.append(f"- 1,000 × 16 KiB against one 16 MiB document: wall × {batch[0] / one[0]:.2f}, CPU × {batch[1] / one[1]:.2f}, memory × {batch[2] / one[2]:.2f}")
if with_list is not None and rows[0][2] is not None:
    lines.append(f"- 1 MiB with a name list of 100,000 `* WordN` patterns against no list: CPU {with_list[1]:.2f} s against {rows[0][2][1]:.2f} s, × {with_list[1] / rows[0][2][1]:.2f}")
elif with_list is None:
    lines.append(f"- 1 MiB with a name list of 100,000 `* WordN` patterns: over {limit} s")
lines.append("")
lines.append("Stress series (not news copy): every sentence names two new people, surnames made of 18 syllables,")
lines.append("so the 3-letter surname blocks of name resolution (entities/resolve) grow with the text:")
lines.append("")
lines.append("| input | wall s | CPU s (user+sys) | peak RSS MiB | wall ratio to previous | CPU ratio | RSS ratio |")
lines.append("|---|---:|---:|---:|---:|---:|---:|")
prev = None
for name_, mib, r in stress:
    if r is None:
        lines.append(f"| {name_} | over {limit} s | | | | | |")
        prev = None
        continue
    ratio = "– | – | –" if prev is None else f"{r[0] / prev[0]:.2f} | {r[1] / prev[1]:.2f} | {r[2] / prev[2]:.2f}"
    lines.append(f"| {name_} | {r[0]:.2f} | {r[1]:.2f} | {r[2]:.0f} | {ratio} |")
    prev = r
report = "\n".join(lines)
print(report)
open(out, "w").write(report + "\n")
EOF

{
  echo "## Scaling with document size (issue #12)"
  echo
  echo "Command: \`bash scripts/bench_scaling.sh\` — $(date -u +%F), commit $(git rev-parse --short HEAD), $(rustc --version | cut -d' ' -f1-2), REPEATS=${REPEATS:-1}, load average at the end $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (shared: wall time is noisy, CPU time less so)."
  echo
  echo "\`presslens analyze\` (release) under \`/usr/bin/time -v\`; input: seeds/ articles concatenated and repeated, cut to size; one JSONL record per document. The CLI analyses documents on all cores, so the batch's wall time is below its CPU time."
  echo
  cat "$OUT"
} >"$WORK/section.md"
cat "$WORK/section.md"
if [ "${1:-}" != "--no-write" ]; then
  python3 scripts/bench_section.py scaling <"$WORK/section.md"
fi
