#!/usr/bin/env python3
"""Dev F1 on names the training set never marks (issue #17): how well a tagger model
generalizes beyond the names it memorized, measured on CoNLL-2003 dev only.

A gold or predicted entity is "unseen" when its text, lower-cased, is never the text of a gold
entity in train.jsonl. Recall: unseen gold entities found exactly (span and label); precision:
unseen predicted entities that are exactly right. Predictions come from
`presslens eval --gold dev.conll --write-jsonl ...` (gold tokens and sentences).

Usage: python3 scripts/tagger_unseen.py [--model model/ner.bin] [--bin target/release/presslens]
       [--data ../shared/data]
"""
import argparse
import json
import pathlib
import subprocess
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent


def ents(path):
    out = {}
    for line in pathlib.Path(path).read_text().splitlines():
        if line.strip():
            d = json.loads(line)
            out[d["id"]] = {(e["start"], e["end"], e["label"], e["text"]) for e in d["entities"]}
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=None)
    ap.add_argument("--bin", default=str(ROOT / "target/release/presslens"))
    ap.add_argument("--data", default=str(ROOT / "../shared/data"))
    a = ap.parse_args()
    c = pathlib.Path(a.data) / "conll2003"
    seen = {e[3].lower() for es in ents(c / "train.jsonl").values() for e in es}
    with tempfile.TemporaryDirectory() as tmp:
        pred_path = pathlib.Path(tmp) / "pred.jsonl"
        cmd = [a.bin, "eval", "--gold", str(c / "dev.conll"), "--write-jsonl", str(pred_path),
               "--jsonl-gold", str(c / "dev.jsonl")]
        if a.model:
            cmd += ["--model", a.model]
        subprocess.run(cmd, check=True, capture_output=True)
        pred = ents(pred_path)
    gold = ents(c / "dev.jsonl")
    g_n = p_n = ok_g = ok_p = 0
    for doc, gs in gold.items():
        ps = pred.get(doc, set())
        gu = {e for e in gs if e[3].lower() not in seen}
        pu = {e for e in ps if e[3].lower() not in seen}
        g_n += len(gu)
        p_n += len(pu)
        ok_g += len(gu & ps)
        ok_p += len(pu & gs)
    r = ok_g / max(g_n, 1)
    p = ok_p / max(p_n, 1)
    f = 2 * p * r / max(p + r, 1e-9)
    print(f"dev, names unseen in train: gold {g_n}, predicted {p_n}; "
          f"P {100 * p:.2f} R {100 * r:.2f} F1 {100 * f:.2f}")


if __name__ == "__main__":
    main()
