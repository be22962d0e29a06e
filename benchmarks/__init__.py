"""Benchmarks: run from the repository root, e.g. ``python -m benchmarks.bench_query``."""

import sys
from pathlib import Path

_SRC = Path(__file__).resolve().parents[1] / "src"
if _SRC.is_dir() and str(_SRC) not in sys.path:
    sys.path.insert(0, str(_SRC))  # a checkout benchmarks its own sources, installed or not
