"""Shared by the binding's tests: the CLI to compare with, the data, and the one offset
normaliser (code points, as the wheel gives them, to UTF-16, as the CLI writes them)."""

import json
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
CONLL_TEST = SHARED / "data" / "conll2003" / "test.jsonl"
SEEDS = SHARED / "seeds"


def _need(path):
    """The shared data, or a skip with the reason; in CI its absence is a failure."""
    if not path.exists():
        message = f"{path} is absent (the shared data beside the checkout)"
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {message}: the comparison with the CLI cannot run")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def cli():
    """Runs `presslens analyze` (target/release, built if needed; PRESSLENS_BIN overrides) on
    JSONL documents or on files, and returns its stdout as text."""
    binary = os.environ.get("PRESSLENS_BIN")
    if not binary:
        subprocess.run(
            ["cargo", "build", "--release", "--quiet", "--bin", "presslens"],
            cwd=ROOT,
            check=True,
        )
        binary = str(ROOT / "target" / "release" / "presslens")

    def run(docs=None, files=None):
        args = [binary, "analyze", *(str(f) for f in files or [])]
        stdin = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs or [])
        out = subprocess.run(args, input=stdin.encode(), capture_output=True, check=True)
        return out.stdout.decode()

    return run


@pytest.fixture(scope="session")
def conll_docs():
    """CoNLL-2003 test as {"id", "text"} documents, in file order."""
    lines = _need(CONLL_TEST).read_text(encoding="utf-8").splitlines()
    return [{"id": d["id"], "text": d["text"]} for d in map(json.loads, lines) if d]


@pytest.fixture(scope="session")
def seed_files():
    """The five sample articles, sorted by name."""
    files = sorted(p for p in _need(SEEDS).glob("*.txt"))
    assert files, f"no sample articles (*.txt) in {SEEDS}"
    return files


def utf16_offset(text):
    """Map a code-point offset of `text` to its UTF-16 offset (what the CLI writes)."""
    table = [0]
    for ch in text:
        table.append(table[-1] + (2 if ord(ch) > 0xFFFF else 1))
    return table.__getitem__


def to_cli_offsets(result, texts):
    """The wheel's result (code points) with every offset converted to UTF-16, in place."""
    for doc, text in zip(result["documents"], texts, strict=True):
        u16 = utf16_offset(text)
        for key in ("entities", "sentences", "quotes", "boilerplate", "blocks"):
            for span in doc[key]:
                span["start"], span["end"] = u16(span["start"]), u16(span["end"])
    return result


def as_cli_json(result):
    """Serialised as the CLI writes its result: compact, UTF-8, one line."""
    return json.dumps(result, ensure_ascii=False, separators=(",", ":")) + "\n"


def cli_entity_rows(cli_stdout, texts_by_id):
    """The CLI's entities as sorted rows (id, start, end, label, text, kind, value, score,
    boilerplate), offsets converted to code points: what the Spark and Dask examples write."""
    rows = []
    for doc in json.loads(cli_stdout)["documents"]:
        text = texts_by_id[doc["id"]]
        cp = {u: i for i, u in enumerate(map(utf16_offset(text), range(len(text) + 1)))}
        for e in doc["entities"]:
            rows.append((doc["id"], cp[e["start"]], cp[e["end"]], e["label"], e["text"],
                         e.get("kind"), e.get("value"), e["score"], e.get("boilerplate", False)))
    return sorted(rows, key=row_key)


def row_key(row):
    return tuple("" if v is None else v for v in row)


def frame_entity_rows(frame):
    """The same rows from a pandas frame of the examples' output."""
    import pandas as pd

    cols = ["id", "start", "end", "label", "text", "kind", "value", "score", "boilerplate"]
    out = []
    for r in frame[cols].itertuples(index=False):
        r = [None if v is None or (not isinstance(v, str) and pd.isna(v)) else v for v in r]
        out.append((str(r[0]), int(r[1]), int(r[2]), r[3], r[4], r[5], r[6], float(r[7]), bool(r[8])))
    return sorted(out, key=row_key)
