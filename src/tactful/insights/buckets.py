"""Time buckets in SQL: the UTC hour, day or ISO week (Monday) a timestamp falls in, on both dialects.

``bucket("day", column)`` compiles to ``strftime`` on SQLite (in the exact text form
SQLAlchemy stores datetimes in, so comparisons with bound datetimes hold) and to
``date_trunc`` at UTC on PostgreSQL; results come back as aware UTC datetimes.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from tactful.errors import UsageError
from tactful.store.schema import UTCDateTime

Interval = Literal["hour", "day", "week"]
INTERVALS: tuple[Interval, ...] = ("hour", "day", "week")
STEP = {"hour": timedelta(hours=1), "day": timedelta(days=1), "week": timedelta(weeks=1)}

_SQLITE_FORMATS = {
    "hour": ("'%Y-%m-%d %H:00:00.000000'", ""),
    "day": ("'%Y-%m-%d 00:00:00.000000'", ""),
    "week": ("'%Y-%m-%d 00:00:00.000000'", ", '-6 days', 'weekday 1'"),  # the Monday on or before
}


class bucket(FunctionElement[datetime]):  # noqa: N801 - reads as a SQL function
    type = UTCDateTime()
    inherit_cache = True
    name = "bucket"

    def __init__(self, interval: Interval, column: Any) -> None:
        if interval not in INTERVALS:
            raise UsageError(f"unknown interval {interval!r} (choose from: {', '.join(INTERVALS)})")
        self.interval = interval
        super().__init__(column)


@compiles(bucket, "sqlite")
def _bucket_sqlite(element: bucket, compiler: Any, **kw: Any) -> str:
    fmt, modifiers = _SQLITE_FORMATS[element.interval]
    return f"strftime({fmt}, {compiler.process(element.clauses, **kw)}{modifiers})"


@compiles(bucket, "postgresql")
def _bucket_postgresql(element: bucket, compiler: Any, **kw: Any) -> str:
    column = compiler.process(element.clauses, **kw)
    return f"(date_trunc('{element.interval}', ({column}) AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')"


def floor(interval: Interval, moment: datetime) -> datetime:
    """The start of the bucket ``moment`` falls in (the same rule as the SQL)."""
    moment = moment.astimezone(UTC)
    start = moment.replace(minute=0, second=0, microsecond=0)
    if interval == "hour":
        return start
    start = start.replace(hour=0)
    return start - timedelta(days=start.weekday()) if interval == "week" else start


def as_utc(value: datetime | str) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

