"""What every aggregate can be narrowed to: a time range, query groups, platforms."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from tactful.errors import UsageError

BRAND = "brand"
COMPETITOR_PREFIX = "competitor:"


@dataclass(frozen=True, slots=True)
class Filters:
    since: datetime | None = None  # inclusive
    until: datetime | None = None  # exclusive
    groups: tuple[str, ...] = ()  # empty: every group
    platforms: tuple[str, ...] = ()  # empty: every platform

    def previous(self) -> Filters:
        """The period of the same length just before this one (needs both ends)."""
        if self.since is None or self.until is None:
            raise UsageError("a previous period needs both ends of this one (--from and --to)")
        return replace(self, since=self.since - (self.until - self.since), until=self.since)


def where(filters: Filters, *, moment: Any, group: Any, platform: Any | None) -> list[sa.ColumnElement[bool]]:
    """The WHERE conditions ``filters`` put on a query with these columns."""
    conditions: list[sa.ColumnElement[bool]] = []
    if filters.since is not None:
        conditions.append(moment >= filters.since)
    if filters.until is not None:
        conditions.append(moment < filters.until)
    if filters.groups:
        conditions.append(group.in_(filters.groups))
    if filters.platforms and platform is not None:
        conditions.append(platform.in_(filters.platforms))
    return conditions


def whole_days(filters: Filters) -> bool:
    """True when the range starts and ends at UTC midnights: daily rollups answer it exactly."""
    return all(
        moment is None or moment == moment.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        for moment in (filters.since, filters.until)
    )


def voice_groups(group: Any, brand: str = BRAND) -> sa.ColumnElement[bool]:
    """The brand's group and every competitor group."""
    return sa.or_(group == brand, group.like(f"{COMPETITOR_PREFIX}%"))


def net_sentiment(positive: int, negative: int) -> float | None:
    """(pos - neg) / (pos + neg); None when there is neither."""
    return (positive - negative) / (positive + negative) if positive + negative else None


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def as_tuple(values: Sequence[str] | None) -> tuple[str, ...]:
    return tuple(v for v in (values or ()) if v)
