"""Which of many values a column holds, asked in chunks under every dialect's bound-parameter limit."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

CHUNK = 400


def present(conn: sa.Connection, column: sa.Column[Any], values: Iterable[Any]) -> set[Any]:
    """The values (of ``values``) that some row of ``column``'s table holds in ``column``."""
    wanted = sorted(set(values))
    found: set[Any] = set()
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        found |= set(conn.execute(sa.select(column).where(column.in_(chunk))).scalars())
    return found
