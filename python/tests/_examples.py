"""Loads the worked examples (examples/spark, examples/dask) as modules for the tests."""

import importlib.util

from conftest import ROOT


def load(name):
    path = ROOT / "examples" / name / "entities.py"
    spec = importlib.util.spec_from_file_location(f"example_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
