"""What every suite shares: the row format (``benchmarks.suites`` says what a suite returns) and
the command that reruns a suite."""

from __future__ import annotations

from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]  # the checkout
RUN = "python -m benchmarks.run --only {}"
Row = dict[str, Any]


def row(figure: str, value: float | str | None, unit: str, command: str, **extra: Any) -> Row:
    return {"figure": figure, "value": value, "unit": unit, "command": command, **extra}
