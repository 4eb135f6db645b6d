"""The Dask example (examples/dask/entities.py) on CoNLL-2003 test: its entities equal the CLI's."""

import pandas as pd
import pytest
from _examples import load
from conftest import CONLL_TEST, cli_entity_rows, frame_entity_rows

pytest.importorskip("dask")


def test_dask_entities_equal_the_cli(cli, conll_docs, tmp_path):
    # Parquet in (the Spark test reads JSON Lines).
    pd.read_json(CONLL_TEST, lines=True, dtype={"id": str})[["id", "text"]].to_parquet(
        tmp_path / "articles.parquet"
    )
    clusters = load("dask").run(
        str(tmp_path / "articles.parquet"), str(tmp_path / "out"), workers=2, partitions=4
    )
    tmp_path = tmp_path / "out"
    entities = pd.read_parquet(tmp_path / "entities", dtype_backend="numpy_nullable")
    assert entities["error"].isna().all(), entities[entities["error"].notna()]
    texts = {d["id"]: d["text"] for d in conll_docs}
    expected = cli_entity_rows(cli(docs=conll_docs), texts)
    got = frame_entity_rows(entities)
    assert len(got) == len(expected), f"Dask wrote {len(got)} entities, the CLI {len(expected)}"
    assert got == expected, "Dask's entities differ from `presslens analyze` on CoNLL-2003 test"
    keyed = entities[entities["cluster_key"].notna()]
    assert clusters["cluster_id"].is_unique, "one row per cluster"
    assert set(keyed["cluster_id"]) == set(clusters["cluster_id"]), "every cluster is listed"
    assert clusters["mentions"].sum() == len(keyed)
    assert (clusters["documents"] > 1).any(), "clusters span documents of different partitions"
