"""Tags articles with presslens on Dask (issue #18): the Spark example's output, with
`map_partitions`.

    python examples/dask/entities.py ARTICLES.jsonl OUT [--workers 2] [--partitions N]

ARTICLES: JSON Lines (or Parquet) with `id`, `text`, optional `date`. Writes OUT/entities and
OUT/clusters as Parquet, with the columns of examples/spark/entities.py, and the same rule for
clusters across the archive: the core links the articles of each partition, and the second
pass groups by (label, cluster_key). The threaded scheduler is enough: the core releases the
GIL, so two threads analyse two partitions at once.
"""

import argparse
import hashlib

COLUMNS = [
    "id", "start", "end", "label", "text", "kind", "value", "score", "boilerplate",
    "cluster_name", "cluster_key", "error", "cluster_id",
]


def cluster_id(label, key):
    """A stable 64-bit id of (label, key), the same in every partition and every run."""
    if key is None:
        return None
    digest = hashlib.blake2b(f"{label}\t{key}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def entities_of(part):
    """map_partitions: a pandas frame of articles in, a pandas frame of entity rows out."""
    import pandas as pd
    from presslens import Analyzer

    texts = ["" if t is None or t != t else t for t in part["text"].tolist()]
    dates = part["date"].tolist() if "date" in part else [None] * len(texts)
    dates = [d if isinstance(d, str) else None for d in dates]
    rows = Analyzer().analyze_entities(texts, dates, format="lists")
    ids = part["id"].astype(str).tolist()
    frame = pd.DataFrame({c: rows[c] for c in rows if c not in ("doc", "cluster")})
    frame.insert(0, "id", [ids[d] for d in rows["doc"]])
    frame["cluster_id"] = [cluster_id(la, k) for la, k in zip(rows["label"], rows["cluster_key"])]
    return frame.astype(META)


META = {
    "id": "string", "start": "Int32", "end": "Int32", "label": "string", "text": "string",
    "kind": "string", "value": "string", "score": "float64", "boilerplate": "boolean",
    "cluster_name": "string", "cluster_key": "string", "error": "string",
    "cluster_id": "Int64",
}


def read_articles(path, partitions=None):
    import dask.dataframe as dd

    if path.endswith((".jsonl", ".json")):
        df = dd.read_json(path, lines=True, blocksize=None, dtype={"id": "string"})
    else:
        df = dd.read_parquet(path)
    keep = [c for c in ("id", "text", "date") if c in df.columns]
    df = df[keep]
    if partitions:
        df = df.repartition(npartitions=partitions)
    return df


def top_name(names):
    """The most frequent name of each cluster (ties: the alphabetically first)."""
    names = names.sort_values(["cluster_id", "n", "cluster_name"], ascending=[True, False, True])
    names = names.drop_duplicates("cluster_id")[["cluster_id", "cluster_name"]]
    return names.rename(columns={"cluster_name": "name"})


def run(articles, out, workers=2, partitions=None):
    """Reads `articles`, writes OUT/entities and OUT/clusters; returns the clusters (pandas)."""
    import dask
    import dask.dataframe as dd
    import pandas as pd

    df = read_articles(articles, partitions)
    meta = pd.DataFrame({c: pd.Series(dtype=t) for c, t in META.items()})
    entities = df.map_partitions(entities_of, meta=meta)
    with dask.config.set(scheduler="threads", num_workers=workers):
        entities.to_parquet(f"{out}/entities", write_index=False, overwrite=True)
        # The second pass reads what was written, so the articles are analysed once.
        written = dd.read_parquet(f"{out}/entities")
        keyed = written[written["cluster_id"].notnull()]
        keys = ["cluster_id", "label", "cluster_key"]
        mentions = keyed.groupby(keys).size().rename("mentions").reset_index()
        documents = (
            keyed[keys + ["id"]].drop_duplicates().groupby(keys).size()
            .rename("documents").reset_index()
        )
        names = keyed.groupby(["cluster_id", "cluster_name"]).size().rename("n").reset_index()
        names = names.shuffle("cluster_id").map_partitions(
            top_name, meta={"cluster_id": "Int64", "name": "string"}
        )
        clusters = mentions.merge(documents, on=keys).merge(names, on="cluster_id")
        clusters.to_parquet(f"{out}/clusters", write_index=False, overwrite=True)
    return dd.read_parquet(f"{out}/clusters").compute()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("articles")
    ap.add_argument("out")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--partitions", type=int, default=None)
    args = ap.parse_args()
    run(args.articles, args.out, args.workers, args.partitions)


if __name__ == "__main__":
    main()
