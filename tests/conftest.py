"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"

# Subprocesses (CLI tests) import this checkout's sources, installed or not.
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data, or skip: tests that need the public datasets say so clearly."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"needs the public datasets in {SHARED_DATA} (absent on this machine)")
    return SHARED_DATA
