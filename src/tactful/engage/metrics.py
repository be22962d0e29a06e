"""Inbox metrics: first-response time (median, p90), resolution rate and SLA breaches, per team and day.

Pure over conversations: ``inbox_metrics(conversations, sla_for, now)``. Times
are wall-clock minutes from the first customer post to the first reply.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from tactful.engage.conversation import Conversation
from tactful.engage.sla import SlaPolicy


@dataclass(frozen=True, slots=True)
class MetricsRow:
    key: str  # "all", a team, or a UTC day (YYYY-MM-DD)
    conversations: int
    answered: int
    first_response_median_minutes: float | None
    first_response_p90_minutes: float | None
    resolution_rate: float  # resolved / conversations
    breaches: int  # conversations with at least one missed target


@dataclass(frozen=True, slots=True)
class InboxMetrics:
    overall: MetricsRow
    by_team: list[MetricsRow]
    by_day: list[MetricsRow]


def inbox_metrics(
    conversations: Iterable[Conversation], sla_for: Callable[[str | None], SlaPolicy], now: datetime
) -> InboxMetrics:
    items = list(conversations)
    by_team: dict[str, list[Conversation]] = defaultdict(list)
    by_day: dict[str, list[Conversation]] = defaultdict(list)
    for item in items:
        by_team[item.team or "unassigned"].append(item)
        by_day[item.opened_at.date().isoformat()].append(item)
    return InboxMetrics(
        overall=metrics_row("all", items, sla_for, now),
        by_team=[metrics_row(team, group, sla_for, now) for team, group in sorted(by_team.items())],
        by_day=[metrics_row(day, group, sla_for, now) for day, group in sorted(by_day.items())],
    )


def metrics_row(
    key: str, items: list[Conversation], sla_for: Callable[[str | None], SlaPolicy], now: datetime
) -> MetricsRow:
    minutes = sorted(
        (c.first_reply_at - c.opened_at).total_seconds() / 60 for c in items if c.first_reply_at is not None
    )
    resolved = sum(1 for c in items if c.status == "resolved")
    breaches = sum(1 for c in items if c.sla(sla_for(c.team), now).breached())
    return MetricsRow(
        key,
        len(items),
        len(minutes),
        percentile(minutes, 50),
        percentile(minutes, 90),
        resolved / len(items) if items else 0.0,
        breaches,
    )


def percentile(sorted_values: list[float], pct: float) -> float | None:
    """Nearest-rank percentile (an actual observed value), None when there are none."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(pct / 100 * len(sorted_values)))
    return round(sorted_values[rank - 1], 1)
