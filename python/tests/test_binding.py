"""The wheel (issue #18): the CLI's results, byte for byte once offsets are normalised; code-point
offsets; pickling; the GIL released; errors as Python exceptions."""

import json
import pickle
import math
import threading
import time

import pytest
from conftest import as_cli_json, to_cli_offsets

from presslens import ENTITY_COLUMNS, Analyzer

# Accents, Cyrillic, CJK, emoji (astral, and a flag of two astral code points), combining marks.
NON_ASCII = (
    "🇷🇸 東京 — 🎉 Zoë Müller met Aleksandar Vučić and Шойгу in Belgrade on 12 March 2024.\n"
    "“We are friends,” said Sergei Shoigu 😀, the Russian defence minister, in Moscow.\n"
    "José Martínez of the Banco de España paid €5 million (漢字 ✓) on Monday.\n"
)


def test_sample_articles_equal_the_cli_byte_for_byte(cli, seed_files):
    docs = [{"id": f.name, "text": f.read_text(encoding="utf-8")} for f in seed_files]
    expected = cli(files=seed_files)
    result = Analyzer().analyze(docs)
    got = as_cli_json(to_cli_offsets(result, [d["text"] for d in docs]))
    assert got == expected, "the wheel's result differs from `presslens analyze` on the sample articles"
    assert sum(len(d["entities"]) for d in result["documents"]) > 100, "the articles have entities"
    assert result["clusters"], "the sample articles share clusters"


def test_conll_test_equals_the_cli_byte_for_byte(cli, conll_docs):
    expected = cli(docs=conll_docs)
    result = Analyzer().analyze(conll_docs)
    got = as_cli_json(to_cli_offsets(result, [d["text"] for d in conll_docs]))
    assert got == expected, "the wheel's result differs from `presslens analyze` on CoNLL-2003 test"


def test_offsets_are_code_points_on_non_ascii_text():
    result = Analyzer().analyze([{"id": "x", "text": NON_ASCII, "date": "2024-03-10"}])
    doc = result["documents"][0]
    assert doc.get("error") is None, doc.get("error")
    for e in doc["entities"]:
        assert NON_ASCII[e["start"]:e["end"]] == e["text"], f"entity {e}: text[start:end] differs"
    for q in doc["quotes"]:
        assert NON_ASCII[q["start"]:q["end"]] == q["text"], f"quote {q}: text[start:end] differs"
    for key in ("sentences", "blocks", "boilerplate"):
        for s in doc[key]:
            assert 0 <= s["start"] < s["end"] <= len(NON_ASCII), f"{key} {s} outside the text"
            assert NON_ASCII[s["start"]].strip(), f"{key} {s} does not start on a character"
    texts = {e["text"] for e in doc["entities"]}
    for name in ("Zoë Müller", "Vučić", "Sergei Shoigu", "José Martínez"):
        assert any(name in t for t in texts), f"{name!r} not found among {sorted(texts)}"
    # Mentions after astral characters: UTF-16 offsets would be off by one or more here.
    first_emoji = NON_ASCII.index("🎉")
    assert any(e["start"] > first_emoji for e in doc["entities"]), "no entity after an emoji"
    assert doc["quotes"], "the quotation is found"


def test_analyze_entities_rows_match_analyze():
    texts = [NON_ASCII, "", "Vladimir Putin met Aleksandar Vucic in Moscow."]
    dates = ["2024-03-10", None, "2024-03-11"]
    rows = Analyzer().analyze_entities(texts, dates, format="lists")
    assert list(rows) == list(ENTITY_COLUMNS)
    n = len(rows["doc"])
    assert n and all(len(col) == n for col in rows.values()), "columns of one length"
    result = Analyzer().analyze(
        [{"id": str(i), "text": t, "date": d} for i, (t, d) in enumerate(zip(texts, dates))]
    )
    expected = [
        (i, e["start"], e["end"], e["label"], e["text"], e.get("kind"), e.get("value"), e["score"])
        for i, doc in enumerate(result["documents"])
        for e in doc["entities"]
    ]
    got = list(zip(*(rows[c] for c in ENTITY_COLUMNS[:8])))
    assert got == expected, "analyze_entities must give analyze's entities, row for row"
    for d, s, e, t in zip(rows["doc"], rows["start"], rows["end"], rows["text"]):
        assert texts[d][s:e] == t
    dated = [v for lab, v, d in zip(rows["label"], rows["value"], rows["doc"]) if lab == "DATE" and d == 0]
    assert "2024-03-12" in dated, f"the date is resolved against its document's date: {dated}"
    keyed = {(t, k) for t, k in zip(rows["text"], rows["cluster_key"]) if k}
    # The key folds spelling: Vučić and Vucic (two documents) share one key.
    vucic = {(t, k) for t, k in keyed if t.startswith("Aleksandar Vu")}
    assert len(vucic) == 2 and len({k for _, k in vucic}) == 1, f"one key for both: {vucic}"


def test_analyze_entities_gives_a_pyarrow_table():
    pa = pytest.importorskip("pyarrow")
    table = Analyzer().analyze_entities(["Angela Merkel visited Paris."])
    assert isinstance(table, pa.Table)
    assert table.column_names == list(ENTITY_COLUMNS)
    assert table.schema.field("start").type == pa.int32()
    assert table.column("text").to_pylist() == Analyzer().analyze_entities(
        ["Angela Merkel visited Paris."], format="lists")["text"]


def test_the_analyzer_pickles_by_reconstruction():
    names = "Blue Lagoon\tORG\tvenue\n"
    a = pickle.loads(pickle.dumps(Analyzer(names)))
    rows = a.analyze_entities(["We met at the Blue Lagoon."], format="lists")
    assert ("Blue Lagoon", "ORG", "venue") in list(zip(rows["text"], rows["label"], rows["kind"])), (
        "the reader's names survive pickling"
    )
    assert repr(pickle.loads(pickle.dumps(Analyzer()))) == "presslens.Analyzer()"


def test_bad_input_raises_value_error_naming_it():
    with pytest.raises(ValueError, match="item 1.*\"text\""):
        Analyzer().analyze([{"id": "a", "text": "x"}, {"id": "b"}])
    with pytest.raises(ValueError, match="b"):
        Analyzer().analyze([{"id": "b", "text": "x"}, {"id": "b", "text": "y"}])
    with pytest.raises(ValueError, match="2 dates for 1 texts"):
        Analyzer().analyze_entities(["x"], ["2024-01-01", None])
    with pytest.raises(ValueError, match="format"):
        Analyzer().analyze_entities(["x"], format="csv")
    with pytest.raises(ValueError, match="names"):
        Analyzer("no label here\n")


def test_the_gil_is_released_while_analysing(conll_docs):
    """While one thread analyses, another keeps running: the longest pause of the main thread
    stays far below the length of the call (it would equal it with the GIL held)."""
    analyzer = Analyzer()
    # Long enough to tell (0.6 s or more), however fast the machine: repeat the articles.
    one = [d["text"] for d in conll_docs]
    t0 = time.perf_counter()
    analyzer.analyze_entities(one, format="lists")
    texts = one * max(2, math.ceil(0.6 / max(time.perf_counter() - t0, 1e-3)))
    took = []

    def work():
        t0 = time.perf_counter()
        analyzer.analyze_entities(texts, format="lists")
        took.append(time.perf_counter() - t0)

    worker = threading.Thread(target=work)
    last = time.perf_counter()
    longest = 0.0
    worker.start()
    while worker.is_alive():
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
    worker.join()
    assert took and took[0] > 0.3, f"the call must be long enough to tell ({took})"
    assert longest < took[0] / 2, (
        f"the main thread stood still for {longest:.3f} s of a {took[0]:.3f} s call: "
        "the extension holds the GIL (wrap the work in py.detach)"
    )


def test_a_refused_document_gives_an_error_row_and_spares_the_others():
    """At archive scale one bad row (a malformed date, an article over 16 MiB) must not fail
    its whole batch: it gets an error row, the others their entities, in document order."""
    texts = ["Angela Merkel visited Paris.", "Vladimir Putin met Xi Jinping.", "a" * ((16 << 20) + 1),
             "Emmanuel Macron spoke in Berlin."]
    rows = Analyzer().analyze_entities(texts, ["2024-13-45", None, None, None], format="lists")
    errors = {d: e for d, e in zip(rows["doc"], rows["error"]) if e}
    assert set(errors) == {0, 2}, f"documents 0 and 2 are refused, alone: {errors}"
    assert "YYYY-MM-DD" in errors[0] and "limit" in errors[2], errors
    assert rows["doc"] == sorted(rows["doc"]), "rows in document order"
    found = {(d, t) for d, t in zip(rows["doc"], rows["text"]) if t}
    assert {(1, "Vladimir Putin"), (3, "Emmanuel Macron")} <= found, found
