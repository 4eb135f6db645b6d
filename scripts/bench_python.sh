#!/usr/bin/env bash
# Throughput of the Python wheel in plain Python and in Spark (1 and 2 local workers) against the
# native CLI on the same input (issue #18); writes the section `python` of BENCHMARKS.md.
# Usage: bash scripts/bench_python.sh [ARGS for scripts/bench_python.py]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
nice -n 10 cargo build --release --quiet --bin presslens
rm -rf target/wheels-python
nice -n 10 .venv/bin/maturin build --quiet --release -m python/Cargo.toml --out target/wheels-python
.venv/bin/pip install -q --force-reinstall --no-deps target/wheels-python/presslens-*.whl
report=$(.venv/bin/python scripts/bench_python.py "$@")
printf '%s\n' "$report"
printf '%s\n' "$report" | python3 scripts/bench_section.py python
