#!/usr/bin/env bash
# The Python binding (issue #18): formatting and clippy of python/, the wheel built by maturin,
# installed in a clean virtual environment and used there, then the tests in python/tests: the
# wheel against the CLI byte for byte (sample articles, CoNLL-2003 test), code-point offsets,
# pickling, the GIL, and the Spark (local[2]) and Dask examples against the CLI.
# Needs what scripts/setup.sh installs (.venv/, Java). Called by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n==> %s\n' "$*"; }

step "python/: formatting and clippy"
cargo fmt --manifest-path python/Cargo.toml -- --check
PYO3_PYTHON=python3 cargo clippy --manifest-path python/Cargo.toml --all-targets -- -D warnings

step "python/: the wheel (maturin build --release)"
rm -rf target/wheels-python
.venv/bin/maturin build --quiet --release -m python/Cargo.toml --out target/wheels-python
wheel=$(ls target/wheels-python/presslens-*.whl)

step "python/: pip install of the wheel in a clean virtual environment (no other package)"
clean=$(mktemp -d /tmp/presslens-venv.XXXXXX)
trap 'rm -rf "$clean"' EXIT
python3 -m venv "$clean"
"$clean/bin/pip" install -q --no-index "$wheel"
"$clean/bin/python" - <<'PY'
import pickle
from presslens import Analyzer
text = "🎉 東京: Zoë Müller met Vladimir Putin in Moscow."
a = pickle.loads(pickle.dumps(Analyzer()))
doc = a.analyze([{"id": "a", "text": text}])["documents"][0]
found = {e["text"]: text[e["start"]:e["end"]] for e in doc["entities"]}
assert found and all(k == v for k, v in found.items()), found
rows = a.analyze_entities([text])  # no pyarrow here: plain lists
assert isinstance(rows, dict) and rows["text"] == list(found), rows
print(f"clean venv: {len(found)} entities, code-point offsets, plain lists without pyarrow")
PY

step "python/: pytest (wheel = CLI, Spark local[2], Dask)"
.venv/bin/pip install -q --force-reinstall --no-deps "$wheel"
.venv/bin/python -m pytest -q -p no:cacheprovider python/tests
