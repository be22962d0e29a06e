"""Dashboard aggregates read from the rollup tables: time series, share of voice, complaint drivers.

Every figure counts posts per query group (a post matched by two groups counts in
each). Sentiment shares are over all posts in the bucket, analysed or not; net
sentiment = (positive - negative) / (positive + negative).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from tactful.insights.buckets import Interval, as_utc, bucket
from tactful.insights.examples import Example, aspect_examples
from tactful.insights.filters import BRAND, Filters, net_sentiment, share, voice_groups, where, whole_days
from tactful.store.schema import (
    rollup_aspects_daily,
    rollup_intent_daily,
    rollup_intent_hourly,
    rollup_sentiment_daily,
    rollup_sentiment_hourly,
)

SENTIMENTS = ("positive", "neutral", "negative")


@dataclass(slots=True)
class SeriesPoint:
    start: datetime
    group: str
    posts: int = 0
    sentiment: dict[str, int] = field(default_factory=dict)  # label (or "unanalysed") -> posts
    intent: dict[str, int] = field(default_factory=dict)

    @property
    def net_sentiment(self) -> float | None:
        return net_sentiment(self.sentiment.get("positive", 0), self.sentiment.get("negative", 0))

    def sentiment_share(self, label: str) -> float | None:
        return share(self.sentiment.get(label, 0), self.posts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "group": self.group,
            "posts": self.posts,
            "sentiment": self.sentiment,
            "intent": self.intent,
            "net_sentiment": self.net_sentiment,
            "sentiment_share": {s: self.sentiment_share(s) for s in SENTIMENTS},
        }


def timeseries(conn: sa.Connection, filters: Filters, interval: Interval = "day") -> list[SeriesPoint]:
    """Volume, sentiment and intent mix per bucket and query group, oldest first."""
    points: dict[tuple[datetime, str], SeriesPoint] = {}
    daily = interval != "hour" and whole_days(filters)
    for field_name in ("sentiment", "intent"):
        table = _label_table(field_name, daily=daily)
        for start, group, value, n in conn.execute(_bucketed(table, table.c[field_name], filters, interval)):
            point = points.setdefault((as_utc(start), group), SeriesPoint(as_utc(start), group))
            getattr(point, field_name)[value] = int(n)
    for point in points.values():
        point.posts = sum(point.sentiment.values())
    return sorted(points.values(), key=lambda p: (p.start, p.group))


def _label_table(label: str, *, daily: bool) -> sa.Table:
    if label == "sentiment":
        return rollup_sentiment_daily if daily else rollup_sentiment_hourly
    return rollup_intent_daily if daily else rollup_intent_hourly


def _bucketed(table: sa.Table, label: Any, filters: Filters, interval: Interval) -> sa.Select[Any]:
    moment = table.c[table.columns.keys()[0]]  # "hour" or "day"
    start = moment if interval == moment.name else bucket(interval, moment)
    conditions = where(filters, moment=moment, group=table.c.query_group, platform=table.c.platform)
    return (
        sa.select(start, table.c.query_group, label, sa.func.sum(table.c.posts))
        .where(*conditions)
        .group_by(start, table.c.query_group, label)
        .having(sa.func.sum(table.c.posts) != 0)
    )


@dataclass(slots=True)
class Voice:
    group: str
    posts: int
    share: float | None
    sentiment: dict[str, int]
    sentiment_share: dict[str, float | None]  # this group's part of all posts of that sentiment

    @property
    def net_sentiment(self) -> float | None:
        return net_sentiment(self.sentiment.get("positive", 0), self.sentiment.get("negative", 0))

    def to_dict(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "posts": self.posts,
            "share": self.share,
            "sentiment": self.sentiment,
            "sentiment_share": self.sentiment_share,
            "net_sentiment": self.net_sentiment,
        }


def share_of_voice(conn: sa.Connection, filters: Filters, brand: str = BRAND) -> list[Voice]:
    """The brand against each ``competitor:*`` group: overall and per sentiment, largest first."""
    t = _label_table("sentiment", daily=whole_days(filters))
    moment = t.c[t.columns.keys()[0]]
    query = (
        sa.select(t.c.query_group, t.c.sentiment, sa.func.sum(t.c.posts))
        .where(
            voice_groups(t.c.query_group, brand),
            *where(filters, moment=moment, group=t.c.query_group, platform=t.c.platform),
        )
        .group_by(t.c.query_group, t.c.sentiment)
    )
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for group, sentiment, n in conn.execute(query):
        if n:
            counts[group][sentiment] = int(n)
    return _voices(counts)


def _voices(counts: dict[str, dict[str, int]]) -> list[Voice]:
    total = sum(sum(by.values()) for by in counts.values())
    per_sentiment = {s: sum(by.get(s, 0) for by in counts.values()) for s in SENTIMENTS}
    voices = [
        Voice(
            group,
            sum(by.values()),
            share(sum(by.values()), total),
            by,
            {s: share(by.get(s, 0), per_sentiment[s]) for s in SENTIMENTS},
        )
        for group, by in counts.items()
    ]
    return sorted(voices, key=lambda v: (-v.posts, v.group))


@dataclass(slots=True)
class Driver:
    aspect: str
    current: dict[str, int]  # aspect sentiment -> posts this period
    previous: dict[str, int]  # the same, the period before
    examples: list[Example] = field(default_factory=list)

    @property
    def negative(self) -> int:
        return self.current.get("negative", 0)

    @property
    def change(self) -> int:
        """Negative mentions this period minus the period before."""
        return self.negative - self.previous.get("negative", 0)

    @property
    def negative_share(self) -> float | None:
        return share(self.negative, sum(self.current.values()))

    def to_dict(self) -> dict[str, Any]:
        return {
            "aspect": self.aspect,
            "current": self.current,
            "previous": self.previous,
            "negative": self.negative,
            "change": self.change,
            "negative_share": self.negative_share,
            "examples": [e.to_dict() for e in self.examples],
        }


def drivers(
    conn: sa.Connection, filters: Filters, *, brand: str = BRAND, limit: int = 10, examples: int = 3
) -> list[Driver]:
    """Aspects x sentiment for the brand this period vs the one before, most negative first.

    Uses whole UTC days (the rollup's grain): ``since``/``until`` should fall on midnight.
    """
    brand_only = Filters(filters.since, filters.until, (brand,), ())
    current = _aspect_counts(conn, brand_only)
    bounded = filters.since is not None and filters.until is not None
    previous = _aspect_counts(conn, brand_only.previous()) if bounded else {}
    found = [Driver(a, by, previous.get(a, {})) for a, by in current.items()]
    ranked = sorted(found, key=lambda d: (-d.negative, -sum(d.current.values()), d.aspect))[:limit]
    for driver in ranked:
        driver.examples = aspect_examples(conn, brand_only, driver.aspect, limit=examples)
    return ranked


def _aspect_counts(conn: sa.Connection, filters: Filters) -> dict[str, dict[str, int]]:
    t = rollup_aspects_daily
    query = (
        sa.select(t.c.aspect, t.c.sentiment, sa.func.sum(t.c.posts))
        .where(*where(filters, moment=t.c.day, group=t.c.query_group, platform=None))
        .group_by(t.c.aspect, t.c.sentiment)
    )
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for aspect, sentiment, n in conn.execute(query):
        if n:
            counts[aspect][sentiment] = int(n)
    return dict(counts)
