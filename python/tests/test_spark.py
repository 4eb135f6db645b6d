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
