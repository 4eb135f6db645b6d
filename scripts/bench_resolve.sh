#!/usr/bin/env bash
# Issue #6 benchmarks, written into BENCHMARKS.md section `resolve`:
#   1. boilerplate detection on held-out text (scripts/bench_boilerplate.py);
#   2. wasm size cost of the two crates issue #6 added (unicode-normalization, strsim): the
#      release module built three times from HEAD in a temporary worktree — as committed,
#      with NFD replaced by the characters themselves, with Jaro-Winkler replaced by 0;
#   3. time and memory of `presslens analyze` on one 0.8 MB document and on a 1000-document
#      batch made of the samples (cross-document linking at scale).
# Usage: bash scripts/bench_resolve.sh [--no-wasm]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT

python3 scripts/bench_boilerplate.py >"$OUT"

if [ "${1:-}" != "--no-wasm" ]; then
  WT=$ROOT/target/wasm-ab
  rm -rf "$WT"; git worktree prune
  git worktree add --detach "$WT" HEAD >/dev/null
  ln -s "$ROOT/node_modules" "$WT/node_modules"
  size() { (cd "$WT" && python3 scripts/build_wasm.py release 2>&1 | grep '^build_wasm:' | sed 's/^build_wasm: //'); }
  KEY=$WT/src/5-entities/resolve/key.rs
  cp "$KEY" "$KEY.orig"
  B=$(size)
  sed -i 's/for c in word.nfd() {/for c in word.chars() {/; s/if is_combining_mark(c) {/if c == '"'"'\\u{0301}'"'"' {/; /^use unicode_normalization/d' "$KEY"
  A1=$(size)
  cp "$KEY.orig" "$KEY"
  sed -i 's/strsim::jaro_winkler(a, b)/0.0/' "$KEY"
  A2=$(size)
  git worktree remove --force "$WT"
  {
    echo
    echo "Wasm size cost of issue #6's crates (release module, \`python3 scripts/build_wasm.py release\` on HEAD in a temporary worktree):"
    echo
    echo "- as committed: $B"
    echo "- without unicode-normalization (NFD + mark stripping replaced by the characters themselves): $A1"
    echo "- without strsim (Jaro-Winkler replaced by 0): $A2"
  } >>"$OUT"
fi

cargo build --release --bin presslens >/dev/null 2>&1
python3 - "$OUT" <<'EOF'
import glob, json, resource, subprocess, sys, time
seeds = [open(f, encoding="utf-8").read() for f in sorted(glob.glob("seeds/*.txt"))]
big = json.dumps({"id": "big", "text": "\n\n".join(seeds * 60)}) + "\n"
batch = "".join(json.dumps({"id": f"d{i}", "text": seeds[i % 5]}) + "\n" for i in range(1000))
lines = ["", "`presslens analyze` (release, 2 cores), whole pipeline including issue #6's stages:", ""]
for name, data in [("one document of 818,938 bytes (the samples ×60)", big),
                   ("1000 documents (the samples ×200)", batch)]:
    best = None
    for _ in range(3):
        t = time.perf_counter()
        r = subprocess.run(["target/release/presslens", "analyze"], input=data.encode(),
                           capture_output=True, check=True)
        dt = time.perf_counter() - t
        best = dt if best is None else min(best, dt)
    res = json.loads(r.stdout)
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    lines.append(f"- {name}: {best:.2f} s (best of 3), {len(res['clusters'])} clusters, "
                 f"{sum(len(d['quotes']) for d in res['documents'])} quotes; peak RSS of the runs so far {rss // 1024} MiB")
open(sys.argv[1], "a").write("\n".join(lines) + "\n")
EOF

cat "$OUT"
python3 scripts/bench_section.py resolve <"$OUT"
