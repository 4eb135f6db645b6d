"""The Spark example (examples/spark/entities.py) in local mode, on CoNLL-2003 test: its entities
equal the CLI's, and its clusters are merged across partitions by key."""

import pandas as pd
import pytest
from _examples import load
from conftest import CONLL_TEST, cli_entity_rows, frame_entity_rows

pytest.importorskip("pyspark")


@pytest.fixture(scope="module")
def spark():
    session = load("spark").session("local[2]")
    yield session
    session.stop()


def test_spark_entities_equal_the_cli(spark, cli, conll_docs, tmp_path):
    example = load("spark")
    # Four partitions: the articles are analysed in separate calls, on two local workers.
    example.run(spark, str(CONLL_TEST), str(tmp_path), partitions=4)
    entities = pd.read_parquet(tmp_path / "entities", dtype_backend="numpy_nullable")
    assert entities["error"].isna().all(), entities[entities["error"].notna()]
    texts = {d["id"]: d["text"] for d in conll_docs}
    expected = cli_entity_rows(cli(docs=conll_docs), texts)
    got = frame_entity_rows(entities)
    assert len(got) == len(expected), f"Spark wrote {len(got)} entities, the CLI {len(expected)}"
    assert got == expected, "Spark's entities differ from `presslens analyze` on CoNLL-2003 test"
    assert set(entities["id"]) <= set(texts)

    clusters = pd.read_parquet(tmp_path / "clusters", dtype_backend="numpy_nullable")
    assert clusters["cluster_id"].is_unique, "one row per cluster"
    keyed = entities[entities["cluster_key"].notna()]
    assert set(keyed["cluster_id"]) == set(clusters["cluster_id"]), "every cluster is listed"
    assert (clusters.groupby(["label", "cluster_key"]).size() == 1).all(), "one id per key"
    spread = clusters[clusters["documents"] > 1]
    assert len(spread), "clusters span documents of different partitions"
    assert clusters["mentions"].sum() == len(keyed)


def test_spark_reads_parquet_without_dates(spark, tmp_path):
    """Parquet input with integer ids and no `date` column; an empty text has no entities."""
    from presslens import Analyzer

    texts = ["Angela Merkel visited Paris on Monday.", "", "🎉 東京: Zoë Müller met Vladimir Putin."]
    pd.DataFrame({"id": [10, 11, 12], "text": texts}).to_parquet(tmp_path / "in.parquet")
    load("spark").run(spark, str(tmp_path / "in.parquet"), str(tmp_path / "out"))
    got = pd.read_parquet(tmp_path / "out" / "entities", dtype_backend="numpy_nullable")
    got = sorted(zip(got["id"], got["start"], got["end"], got["text"]))
    rows = Analyzer().analyze_entities(texts, format="lists")
    expected = sorted(zip((str(10 + d) for d in rows["doc"]), rows["start"], rows["end"], rows["text"]))
    assert got == expected and len(expected) >= 4, f"Spark on Parquet: {got} != {expected}"
    for i, s, e, t in got:
        assert texts[int(i) - 10][s:e] == t, "code-point offsets into the text"
