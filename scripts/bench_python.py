#!/usr/bin/env python3
"""Throughput of the Python wheel (issue #18) against the native CLI on the same input, on 1 and 2
local workers: the CLI (rayon threads), plain Python (threads over batches: the core releases the
GIL), and Spark local[N] (the example's mapInArrow, into Spark's no-op sink). Prints a Markdown
section; scripts/bench_python.sh runs it with the venv and writes it to BENCHMARKS.md.

Usage: .venv/bin/python scripts/bench_python.py [--input F.jsonl] [--bin target/release/presslens]
"""

import argparse
import concurrent.futures
import datetime
import json
import os
import pathlib
import resource
import subprocess
import sys
import tempfile
import time

from machine_load import wait_quiet  # scripts/machine_load.py

ROOT = pathlib.Path(__file__).resolve().parent.parent


def load_example(name):
    """examples/NAME/entities.py as a module outside sys.modules, so that Spark's cloudpickle
    ships its functions by value (workers cannot import it)."""
    import importlib.util

    path = ROOT / "examples" / name / "entities.py"
    spec = importlib.util.spec_from_file_location(f"example_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def settle(limit=30, below=2.5):
    """Waits (at most `limit` s) while the machine is busy; returns the load it starts at."""
    return wait_quiet(below, limit)


def best_of(runs, fn):
    """The fastest of `runs` timings of fn(), with the load before the first."""
    start_load = settle()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times), start_load


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--input", default=str(ROOT.parent / "shared/data/conll2003/train.jsonl"))
    ap.add_argument("--bin", default=str(ROOT / "target/release/presslens"))
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--batch", type=int, default=100, help="documents per analyze_entities call")
    ap.add_argument("--repeat", type=int, default=4, help="the input this many times over")
    args = ap.parse_args()

    docs = [json.loads(line) for line in open(args.input, encoding="utf-8") if line.strip()]
    docs = [{"id": f"{d['id']}-{r}", "text": d["text"]} for r in range(args.repeat) for d in docs]
    n = len(docs)
    mb = sum(len(d["text"].encode()) for d in docs) / 1e6
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="presslens-bench-"))
    jsonl = tmp / "articles.jsonl"
    jsonl.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs))
    texts = [d["text"] for d in docs]
    batches = [texts[i : i + args.batch] for i in range(0, n, args.batch)]

    results = {}  # (engine, workers) -> (seconds, load)

    for w in (1, 2):
        def cli():
            with open(jsonl, "rb") as f:
                subprocess.run([args.bin, "analyze"], stdin=f, stdout=subprocess.DEVNULL,
                               check=True, env={**os.environ, "RAYON_NUM_THREADS": str(w)})
        results[("CLI (native, rayon)", w)] = best_of(args.runs, cli)

    from presslens import Analyzer

    analyzer = Analyzer()
    rss_idle = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for w in (1, 2):
        def plain():
            with concurrent.futures.ThreadPoolExecutor(w) as pool:
                list(pool.map(lambda b: analyzer.analyze_entities(b, format="lists"), batches))
        results[("wheel, plain Python threads", w)] = best_of(args.runs, plain)
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    spark_example = load_example("spark")

    for w in (1, 2):
        spark = spark_example.session(f"local[{w}]")
        try:
            df = spark_example.read_articles(spark, str(jsonl)).repartition(2 * w).cache()
            df.count()
            schema = spark_example.ENTITY_SCHEMA
            # Warm-up: the JVM and the Python workers start once, before timing.
            df.limit(10).mapInArrow(spark_example.entities_of, schema).write.format("noop").mode("overwrite").save()

            def spark_run():
                df.mapInArrow(spark_example.entities_of, schema).write.format("noop").mode("overwrite").save()

            results[(f"wheel in Spark local[{w}] (mapInArrow)", w)] = best_of(args.runs, spark_run)
        finally:
            spark.stop()

    today = datetime.date.today().isoformat()
    out = [
        "## Python wheel, Spark and Dask (issue #18)",
        "",
        f"`bash scripts/bench_python.sh`, {today}, on {os.cpu_count()} cores (shared: the load "
        "average before each measurement is shown). Input: "
        f"`{os.path.relpath(args.input, ROOT)}` {args.repeat} times over, {n} documents, {mb:.2f} MB of UTF-8 text; "
        f"best of {args.runs} runs. The CLI reads JSON Lines and writes the full result JSON; the "
        f"wheel's plain-Python runs call `analyze_entities` on batches of {args.batch} documents "
        "from a thread pool (the core releases the GIL); Spark runs the example's `mapInArrow` "
        "(examples/spark/entities.py) over 2 partitions per worker, the input cached, into the "
        "no-op sink, after a warm-up job (session start-up excluded).",
        "",
        "| engine | workers | seconds | docs/s | MB/s | speed vs the CLI on as many workers | load |",
        "|---|---|---|---|---|---|---|",
    ]
    for (engine, w), (secs, ld) in results.items():
        base = results[("CLI (native, rayon)", w)][0]
        out.append(
            f"| {engine} | {w} | {secs:.2f} | {n / secs:.0f} | {mb / secs:.2f} | "
            f"{base / secs:.2f}× | {ld:.1f} |"
        )
    out += [
        "",
        f"Memory of the plain-Python process (ru_maxrss): {rss_idle:.0f} MiB with the wheel "
        f"imported and one Analyzer, {rss_peak:.0f} MiB at the peak of the runs above "
        f"(two calls of {args.batch} documents at once).",
    ]
    print("\n".join(out))


if __name__ == "__main__":
    main()
