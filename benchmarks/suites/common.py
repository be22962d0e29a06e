"""What every suite shares: the row format and the command that reruns a suite.

Each suite returns ``{"rows": [...], "detail": {...}}``. A row is one figure of the
summary table: ``figure``, ``value``, ``unit``, optionally ``peer`` and ``peer_value``
(the same thing measured side by side in the same run; the ratio is computed when
the table is rendered), ``note`` and ``command`` (what reproduces it). ``detail``
keeps everything else the suite measured, for the detail tables.

Suites run in a child process (``run.py``): some pin themselves to one core.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]  # the checkout
RUN = "python -m benchmarks.run --only {}"
Row = dict[str, Any]


def row(figure: str, value: float | str | None, unit: str, command: str, **extra: Any) -> Row:
    return {"figure": figure, "value": value, "unit": unit, "command": command, **extra}
