"""Tags an archive of articles with presslens on Spark (issue #18).

    python examples/spark/entities.py ARTICLES OUT [--master local[2]] [--partitions N]

ARTICLES: JSON Lines (`*.jsonl`, `*.json`) or Parquet, one article per row with `id`, `text`
and optionally `date` (`YYYY-MM-DD`); other columns are ignored. Writes two Parquet tables:

- OUT/entities: one row per mention: `id` (the article's), `start`, `end` (code points into
  `text`), `label`, `text`, `kind`, `value`, `score`, `boilerplate`, `cluster_name`,
  `cluster_key`, `cluster_id`, and `error` (a row with only `id` and `error` for an article the
  core refused, e.g. over 16 MiB or with a malformed date, or could not analyse);
- OUT/clusters: one row per real-world entity across the whole archive: `cluster_id`, `label`,
  `cluster_key`, `name` (the most frequent cluster name), `mentions`, `documents`.

How clusters cross the archive: each Arrow batch (at most
`spark.sql.execution.arrow.maxRecordsPerBatch` articles) is one `analyze_entities` call, so the
core's full cross-document linking (fuzzy names, bare surnames, acronyms) runs within the
batch; each batch-level cluster carries the folded key of its canonical name. The second pass
is keyed by (label, key): `cluster_id` is a 64-bit hash of it, so equal keys in different
partitions are one cluster without any join, and OUT/clusters is one group-by over OUT/entities.
All analysis happens in the Rust core; this file only moves columns.
"""

import argparse
import sys

ENTITY_SCHEMA = (
    "id string, start int, end int, label string, text string, kind string, value string, "
    "score double, boilerplate boolean, cluster_name string, cluster_key string, error string"
)
ARTICLE_SCHEMA = "id string, text string, date string"


def entities_of(batches):
    """mapInArrow: Arrow batches of articles in, Arrow batches of entity rows out. One
    Analyzer per Python worker (the model is in the wheel); the GIL is released while the core
    works."""
    import pyarrow as pa
    import pyarrow.compute as pc
    from presslens import Analyzer

    analyzer = Analyzer()
    for batch in batches:
        texts = [t or "" for t in batch.column("text").to_pylist()]
        dates = batch.column("date").to_pylist()
        rows = analyzer.analyze_entities(texts, dates, format="arrow")
        ids = pc.take(pc.cast(batch.column("id"), pa.string()), rows.column("doc"))
        rows = rows.drop_columns(["doc", "cluster"]).add_column(0, "id", ids)
        yield from rows.to_batches()


def read_articles(spark, path):
    if path.endswith((".jsonl", ".json")):
        return spark.read.schema(ARTICLE_SCHEMA).json(path)
    df = spark.read.parquet(path)
    if "date" not in df.columns:
        from pyspark.sql import functions as F

        df = df.withColumn("date", F.lit(None).cast("string"))
    return df.selectExpr("cast(id as string) as id", "text", "cast(date as string) as date")


def run(spark, articles, out, partitions=None):
    """Reads `articles`, writes OUT/entities and OUT/clusters (see the module's docstring)."""
    from pyspark.sql import functions as F

    df = read_articles(spark, articles)
    if partitions:
        df = df.repartition(partitions)
    cluster_id = F.when(F.col("cluster_key").isNotNull(), F.xxhash64("label", "cluster_key"))
    entities = df.mapInArrow(entities_of, ENTITY_SCHEMA).withColumn("cluster_id", cluster_id)
    entities.write.mode("overwrite").parquet(f"{out}/entities")
    # The second pass reads what was written, so the articles are analysed once.
    written = spark.read.parquet(f"{out}/entities")
    clusters = (
        written.where(F.col("cluster_id").isNotNull())
        .groupBy("cluster_id", "label", "cluster_key")
        .agg(
            F.mode("cluster_name", deterministic=True).alias("name"),
            F.count(F.lit(1)).alias("mentions"),
            F.countDistinct("id").alias("documents"),
        )
    )
    clusters.write.mode("overwrite").parquet(f"{out}/clusters")


def session(master="local[2]"):
    """A Spark session whose Python workers run this interpreter (and so see its wheel)."""
    import os

    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    return (
        SparkSession.builder.master(master)
        .appName("presslens")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "1000")
        .getOrCreate()
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("articles")
    ap.add_argument("out")
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--partitions", type=int, default=None)
    args = ap.parse_args()
    spark = session(args.master)
    try:
        run(spark, args.articles, args.out, args.partitions)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
