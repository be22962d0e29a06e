"""Insights and the store import each other's modules: either may be imported first."""

from __future__ import annotations

import subprocess
import sys

import pytest

FIRST = ["tactful.insights.aggregates", "tactful.insights.rollups", "tactful.store"]


@pytest.mark.parametrize("first", FIRST, ids=["aggregates", "rollups", "store"])
def test_importing_in_any_order_works(first):
    code = f"import {first}; import tactful.store; import tactful.insights.report"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
