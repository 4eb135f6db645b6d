#!/usr/bin/env python3
"""Names beyond CoNLL (issue #17): before/after scores of the release CLI, end to end.

Usage: python3 scripts/bench_names.py [--before REV] [--wasm] [--write] [--data ../shared/data]

Runs `presslens analyze` (the release CLI) on each gold set, turns the result's UTF-16 offsets
into code points (scripts/offsets.py) and scores with ../shared/data/score.py, for two CLIs:
- before: the CLI built from git revision REV (default 696f357, main when #17 began), in a
  temporary worktree target/bench-names/src-REV (its own target/ folder, seeded once from this
  tree's target/release so that only presslens itself compiles); the binary is cached as
  target/bench-names/presslens-REV;
- after: this tree's CLI (`cargo build --release --bin presslens` first).

Gold sets: defence-dev (../shared/data/defence-dev/re3d-dev.presslens.jsonl; kinds from
re3d-dev.jsonl), CoNLL-2003 dev and test, WikiGold, WNUT-17 test (person→PER, location→LOC,
corporation and group→ORG; product and creative-work have no counterpart and, like our MISC, are
not scored, as in `presslens eval --labels wnut`).

Measures, by label (P/R/F1):
- exact: score.py's strict span + label match, labels PER, ORG, LOC, MISC.
- equipment (defence-dev): gold = the mapped file's MISC mentions whose span is a Weapon or
  MilitaryPlatform in re3d-dev.jsonl; predicted = MISC mentions with kind "equipment"; exact
  spans.
- lenient (defence-dev; our own measure, because re3d annotates mentions, not names):
  1. don't-care gold: a gold mention with no capital letter and no digit ("strikes", "the city")
     or a pronoun ("We", "He", "It", ...) is removed from the gold, and predictions that overlap
     one are ignored;
  2. both gold and predicted spans lose their leading determiners (the, a, an), their leading
     title words (src/1-lexicon/titles.txt, with or without a period: "Lt. Gen.", "Defense
     Secretary") and, before a PER, a leading country abbreviation or adjective ("U.S.");
  3. what remains is matched on (start, end, label).
- named-equipment recall (defence-dev, the acceptance figure): gold = every Weapon and
  MilitaryPlatform mention of re3d-dev.jsonl (nested ones included) whose head word — its last
  word — starts with a capital letter or contains a digit: designations, hull numbers, ship
  names and weapon-class acronyms ("KC-135R Stratotanker", "DDG 70", "HMS Ocean", "a VBIED"),
  not generic classes ("strikes", "ISIL tanks", "Coalition aircraft"); a gold mention is found
  when a predicted MISC kind "equipment" has the same span after leading determiners are
  stripped from both (recall only; the exact-span recall is printed beside it).

--wasm: also builds the wasm module of both revisions (scripts/build_wasm.py release; the
before one cached as target/bench-names/wasm-REV.txt) and prints its gzip size change.
--write: puts the report in BENCHMARKS.md, section "names (#17)" (scripts/bench_section.py).
"""
import argparse
import collections
import datetime
import gzip
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from offsets import utf16_to_cp  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
CACHE = ROOT / "target" / "bench-names"
LABELS = ["PER", "ORG", "LOC", "MISC"]
DETERMINERS = {"the", "a", "an"}
PRONOUNS = {"we", "he", "she", "i", "it", "they", "us", "our", "them", "you", "his", "her",
            "their", "its", "me", "my", "him", "this", "that", "these", "those", "who"}


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def sh(cmd, **kw):
    log("+", " ".join(str(c) for c in cmd))
    return subprocess.run(cmd, check=True, **kw)


def nice(cmd):
    return ["nice", "-n", "10", *cmd]


# ---------------------------------------------------------------- builds

def before_tree(rev):
    src = CACHE / f"src-{rev}"
    if not src.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        sh(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(src), rev])
    return src


def seed(src, sub):
    """Copies this tree's built dependencies into the before tree once (only presslens rebuilds)."""
    dst = src / "target" / sub
    if not dst.exists() and (ROOT / "target" / sub).exists():
        dst.parent.mkdir(parents=True, exist_ok=True)
        sh(["cp", "-r", str(ROOT / "target" / sub), str(dst)])


def before_cli(rev):
    out = CACHE / f"presslens-{rev}"
    if out.exists():
        return out
    src = before_tree(rev)
    seed(src, "release")
    sh(nice(["cargo", "build", "--release", "--bin", "presslens"]), cwd=src)
    shutil.copy(src / "target" / "release" / "presslens", out)
    return out


def after_cli():
    sh(nice(["cargo", "build", "--release", "--bin", "presslens"]), cwd=ROOT)
    return ROOT / "target" / "release" / "presslens"


def wasm_gzip(tree):
    sh(nice([sys.executable, str(tree / "scripts" / "build_wasm.py"), "release"]), cwd=tree,
       stdout=subprocess.DEVNULL)
    raw = (tree / "www" / "pkg" / "presslens_bg.wasm").read_bytes()
    return len(raw), len(gzip.compress(raw, 9))


def before_wasm(rev):
    cached = CACHE / f"wasm-{rev}.txt"
    if cached.exists():
        raw, gz = cached.read_text().split()
        return int(raw), int(gz)
    src = before_tree(rev)
    seed(src, "wasm32-unknown-unknown/release")
    if not (src / "node_modules").exists():
        (src / "node_modules").symlink_to(ROOT / "node_modules")
    raw, gz = wasm_gzip(src)
    cached.write_text(f"{raw} {gz}\n")
    return raw, gz


# ---------------------------------------------------------------- running and scoring

def load(path):
    return [json.loads(l) for l in pathlib.Path(path).read_text(encoding="utf-8").splitlines()
            if l.strip()]


def analyze(cli, docs):
    """{id: [{start, end, label, kind, text}]} in code points."""
    stdin = "".join(json.dumps({"id": d["id"], "text": d["text"]}) + "\n" for d in docs)
    res = subprocess.run([str(cli), "analyze"], input=stdin, capture_output=True, text=True,
                         check=True)
    texts = {d["id"]: d["text"] for d in docs}
    out = {}
    for doc in json.loads(res.stdout)["documents"]:
        text = texts[doc["id"]]
        cp = utf16_to_cp(text)
        ents = []
        for e in doc.get("entities", []):
            s, t = cp[e["start"]], cp[e["end"]]
            assert text[s:t] == e["text"], (doc["id"], e)
            ents.append({"start": s, "end": t, "label": e["label"], "kind": e.get("kind"),
                         "text": e["text"]})
        out[doc["id"]] = ents
    return out


def write_jsonl(rows):
    f = tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8")
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
    f.close()
    return f.name


def score(data, gold_path, pred, labels, gold_map=None):
    """score.py's per-label and micro figures: {label: (p, r, f1, gold, pred, correct)}."""
    pred_path = write_jsonl({"id": i, "entities": e} for i, e in pred.items())
    cmd = [sys.executable, str(data / "score.py"), "--gold", str(gold_path), "--pred", pred_path,
           "--labels", ",".join(labels), "--json"]
    if gold_map:
        cmd += ["--gold-map", gold_map]
    res = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
    os.unlink(pred_path)
    out = {lab: (0.0, 0.0, 0.0, 0, 0, 0) for lab in labels}
    for lab, m in list(res["per_type"].items()) + [("ALL", res["micro"])]:
        out[lab] = (m["precision"], m["recall"], m["f1"], m["gold"], m["pred"], m["correct"])
    return out


def prf(gold, pred, correct):
    p = correct / pred if pred else 0.0
    r = correct / gold if gold else 0.0
    return (p, r, 2 * p * r / (p + r) if p + r else 0.0, gold, pred, correct)


# ---------------------------------------------------------------- defence-dev measures

WORD = re.compile(r"\S+")


def title_words():
    words = set()
    for line in (ROOT / "src" / "1-lexicon" / "titles.txt").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(line.lower().rstrip("."))
    return words


def country_words():
    words = {"u.s", "us", "u.k", "uk", "american", "british"}
    for line in (ROOT / "src" / "1-lexicon" / "countries.tsv").read_text().splitlines():
        if line and not line.startswith("#") and "\t" in line:
            name, adj = line.split("\t", 1)
            words.add(name.lower())
            words.update(a.lower() for a in adj.split(",") if a)
    return words


TITLES = None
COUNTRIES = None


def strip_lead(text, s, e, label):
    """(start, end) of the span without its leading determiners, titles and (for PER) country
    words; the span itself when nothing would remain."""
    global TITLES, COUNTRIES
    TITLES = TITLES or title_words()
    COUNTRIES = COUNTRIES or country_words()
    words = [(s + m.start(), s + m.end(), m.group()) for m in WORD.finditer(text[s:e])]
    k = 0
    while k < len(words) - 1:
        w = words[k][2].lower().rstrip(".").rstrip(",")
        if w in DETERMINERS or w in TITLES or (label == "PER" and w in COUNTRIES):
            k += 1
        else:
            break
    return (words[k][0], e) if words else (s, e)


def dont_care(g):
    t = g["text"]
    return t.lower() in PRONOUNS or not any(c.isupper() or c.isdigit() for c in t)


def lenient(gold_docs, pred):
    counts = {lab: [0, 0, 0] for lab in LABELS}  # gold, pred, correct
    for d in gold_docs:
        text = d["text"]
        gold = [g for g in d["entities"] if g["label"] in LABELS]
        care = [g for g in gold if not dont_care(g)]
        ignored = [(g["start"], g["end"]) for g in gold if dont_care(g)]
        gset = {(*strip_lead(text, g["start"], g["end"], g["label"]), g["label"]) for g in care}
        pset = set()
        for p in pred.get(d["id"], []):
            if p["label"] not in LABELS:
                continue
            if any(p["start"] < e and s < p["end"] for s, e in ignored):
                continue
            pset.add((*strip_lead(text, p["start"], p["end"], p["label"]), p["label"]))
        for lab in LABELS:
            g = {x for x in gset if x[2] == lab}
            p = {x for x in pset if x[2] == lab}
            counts[lab][0] += len(g)
            counts[lab][1] += len(p)
            counts[lab][2] += len(g & p)
    out = {lab: prf(*c) for lab, c in counts.items()}
    out["ALL"] = prf(*[sum(c[i] for c in counts.values()) for i in range(3)])
    return out


EQUIPMENT_TYPES = {"Weapon", "MilitaryPlatform"}


def named_equipment(text):
    words = [w.strip(".,;:") for w in text.split()]
    head = words[-1] if words else ""
    return bool(head) and (head[0].isupper() or any(c.isdigit() for c in head))


def strip_det(text, s, e):
    words = [(s + m.start(), m.group()) for m in WORD.finditer(text[s:e])]
    k = 0
    while k < len(words) - 1 and words[k][1].lower() in DETERMINERS:
        k += 1
    return (words[k][0], e) if words else (s, e)


def defence_equipment(raw_docs, mapped_docs, pred):
    """Exact equipment scores and named-equipment recall (lenient and exact)."""
    raw = {d["id"]: d for d in raw_docs}
    gold_eq, pred_eq, correct = 0, 0, 0
    named, found_l, found_x, missed = 0, 0, 0, collections.Counter()
    for d in mapped_docs:
        kinds = {(e["start"], e["end"]): e["label"] for e in raw[d["id"]]["entities"]}
        g = {(e["start"], e["end"]) for e in d["entities"]
             if e["label"] == "MISC" and kinds.get((e["start"], e["end"])) in EQUIPMENT_TYPES}
        p = {(e["start"], e["end"]) for e in pred.get(d["id"], [])
             if e["label"] == "MISC" and e["kind"] == "equipment"}
        gold_eq += len(g)
        pred_eq += len(p)
        correct += len(g & p)
        text = d["text"]
        pl = {strip_det(text, *x) for x in p}
        for e in raw[d["id"]]["entities"]:
            if e["label"] in EQUIPMENT_TYPES and named_equipment(e["text"]):
                named += 1
                found_x += (e["start"], e["end"]) in p
                ok = strip_det(text, e["start"], e["end"]) in pl
                found_l += ok
                if not ok:
                    missed[e["text"]] += 1
    return prf(gold_eq, pred_eq, correct), (named, found_l, found_x), missed


# ---------------------------------------------------------------- report

def fmt(x):
    return f"{x[0]*100:5.1f} {x[1]*100:5.1f} {x[2]*100:5.1f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", default="696f357")
    ap.add_argument("--data", default=str(ROOT / ".." / "shared" / "data"))
    ap.add_argument("--wasm", action="store_true")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--only", default="", help="comma-separated set names (defence,conll-dev,...)")
    a = ap.parse_args()
    data = pathlib.Path(a.data)
    rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", a.before],
                         capture_output=True, text=True, check=True).stdout.strip()
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True, check=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True, check=True).stdout.strip()
    clis = {"before": before_cli(rev), "after": after_cli()}
    dd = data / "defence-dev"
    sets = [
        ("defence-dev", dd / "re3d-dev.presslens.jsonl", None),
        ("CoNLL dev", data / "conll2003" / "dev.jsonl", None),
        ("CoNLL test", data / "conll2003" / "test.jsonl", None),
        ("WikiGold", data / "heldout" / "wikigold" / "wikigold.jsonl", None),
        ("WNUT-17 test", data / "heldout" / "wnut17" / "test.jsonl",
         "person=PER,location=LOC,corporation=ORG,group=ORG,product=,creative-work="),
    ]
    if a.only:
        keep = set(a.only.split(","))
        sets = [s for s in sets if s[0] in keep]
    rows = []  # (set, measure, label, before, after)
    extra = []
    load_before = open("/proc/loadavg").read().split()[0]
    for name, gold_path, gold_map in sets:
        docs = load(gold_path)
        labels = ["PER", "ORG", "LOC"] if gold_map else LABELS
        res = {}
        for side, cli in clis.items():
            log(f"{name}: {side}")
            pred = analyze(cli, docs)
            r = {"exact": score(data, gold_path, pred, labels, gold_map)}
            if name == "defence-dev":
                raw = load(dd / "re3d-dev.jsonl")
                r["lenient"] = lenient(docs, pred)
                eq, named, missed = defence_equipment(raw, docs, pred)
                r["equipment"] = {"equipment": eq}
                r["named"] = named
                r["missed"] = missed
            res[side] = r
        for measure in ["exact", "lenient"]:
            if measure not in res["after"]:
                continue
            for lab in labels + ["ALL"]:
                rows.append((name, measure, lab, res["before"][measure][lab],
                             res["after"][measure][lab]))
        if "equipment" in res["after"]:
            rows.append((name, "exact", "MISC equipment", res["before"]["equipment"]["equipment"],
                         res["after"]["equipment"]["equipment"]))
            b, f = res["before"]["named"], res["after"]["named"]
            extra.append(
                f"defence-dev named-equipment recall (lenient, determiners stripped): before "
                f"{b[1]}/{b[0]} = {b[1]/b[0]:.3f}, after {f[1]}/{f[0]} = {f[1]/f[0]:.3f} "
                f"(exact spans: before {b[2]/b[0]:.3f}, after {f[2]/f[0]:.3f})")
            if res["after"]["missed"]:
                extra.append("named equipment still missed (after): " + ", ".join(
                    f"{t!r}×{n}" if n > 1 else repr(t)
                    for t, n in res["after"]["missed"].most_common()))
    if a.wasm:
        b = before_wasm(rev)
        f = wasm_gzip(ROOT)
        extra.append(f"wasm (scripts/build_wasm.py release, gzip -9 of www/pkg/presslens_bg.wasm): "
                     f"before {b[1]} bytes, after {f[1]} bytes, change {f[1]-b[1]:+d} bytes "
                     f"({(f[1]-b[1])/b[1]*100:+.2f} %); raw {b[0]} → {f[0]}")
    load_after = open("/proc/loadavg").read().split()[0]
    cmd = "python3 scripts/bench_names.py" + (f" --before {a.before}" if a.before != "696f357" else "") \
        + (" --wasm" if a.wasm else "") + (f" --only {a.only}" if a.only else "")
    out = [
        "## names (#17)",
        "",
        f"`{cmd}` on {datetime.date.today().isoformat()}: before = the release CLI at `{rev}`, "
        f"after = this tree (`{head}`{', with uncommitted changes' if dirty else ''}); end to end "
        "(`presslens analyze`, scored by ../shared/data/score.py). P/R/F1 in %; the measures are "
        "defined in the script's docstring (lenient: determiners, titles and don't-care "
        f"mentions handled; see below). Load average {load_before} → {load_after} (scores do not "
        "depend on load).",
        "",
        "| set | measure | label | before P | R | F1 | after P | R | F1 | ΔF1 |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, measure, lab, b, f in rows:
        out.append(f"| {name} | {measure} | {lab} | {b[0]*100:.1f} | {b[1]*100:.1f} | "
                   f"{b[2]*100:.1f} | {f[0]*100:.1f} | {f[1]*100:.1f} | {f[2]*100:.1f} | "
                   f"{(f[2]-b[2])*100:+.1f} |")
    out += [""] + [f"- {x}" for x in extra]
    out += ["",
            "Lenient (defence-dev): gold mentions without a capital letter or digit, and pronouns, "
            "are don't-care (predictions overlapping them are ignored); leading determiners, "
            "title words (src/1-lexicon/titles.txt) and, before a PER, country words are stripped "
            "from both sides; then exact (start, end, label). Named equipment: re3d Weapon and "
            "MilitaryPlatform mentions whose last word is capitalised or has a digit."]
    report = "\n".join(out)
    print(report)
    if a.write:
        subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_section.py"), "names-17"],
                       input=report, text=True, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
