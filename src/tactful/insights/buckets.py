"""Time buckets in SQL: the UTC hour, day or ISO week (Monday) a timestamp falls in, on both dialects.

``bucket("day", column)`` compiles to ``strftime`` on SQLite (in the exact text form
SQLAlchemy stores datetimes in, so comparisons with bound datetimes hold) and to
``date_trunc`` at UTC on PostgreSQL; results come back as aware UTC datetimes.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, Literal

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


class _Bucket(FunctionElement[datetime]):
    """One class per interval: the interval is then part of SQLAlchemy's statement cache key."""

    type = UTCDateTime()
    inherit_cache = True
    interval: Interval


class _HourBucket(_Bucket):
    inherit_cache = True
    interval = "hour"


class _DayBucket(_Bucket):
    inherit_cache = True
    interval = "day"


class _WeekBucket(_Bucket):
    inherit_cache = True
    interval = "week"


_BUCKETS: dict[str, type[_Bucket]] = {"hour": _HourBucket, "day": _DayBucket, "week": _WeekBucket}


def bucket(interval: Interval, column: Any) -> _Bucket:
    """The start of the ``interval`` that ``column`` falls in, as SQL."""
    if interval not in _BUCKETS:
        raise UsageError(f"unknown interval {interval!r} (choose from: {', '.join(INTERVALS)})")
    return _BUCKETS[interval](column)


@compiles(_Bucket, "sqlite")
def _bucket_sqlite(element: _Bucket, compiler: Any, **kw: Any) -> str:
    fmt, modifiers = _SQLITE_FORMATS[element.interval]
    return f"strftime({fmt}, {compiler.process(element.clauses, **kw)}{modifiers})"


@compiles(_Bucket, "postgresql")
def _bucket_postgresql(element: _Bucket, compiler: Any, **kw: Any) -> str:
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
