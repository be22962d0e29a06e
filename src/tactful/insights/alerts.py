"""Spike alerts from the store: hourly buckets from the rollups, explained, stored and delivered.

``find_spikes`` runs ``spikes.detect_spikes`` over a group's hourly volume and
negative counts (hours without posts count as zero) and explains each spike by
its top terms (emerging phrases of that hour against the baseline hours), its
aspects and a few example posts. ``record_alerts`` stores new ones in ``alerts``
(a dedupe key already stored is skipped), so each alert is delivered once.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from tactful.insights.buckets import as_utc, floor
from tactful.insights.emerging import sample_texts
from tactful.insights.examples import Example, period_examples
from tactful.insights.filters import BRAND, Filters, where
from tactful.insights.spikes import Bucket, Spike, SpikeSettings, detect_spikes
from tactful.insights.topics import emerging_topics
from tactful.records import utcnow
from tactful.store.schema import alerts, post_aspects, post_matches, posts, rollup_sentiment_hourly

HOUR = timedelta(hours=1)
DEFAULT_SETTINGS = SpikeSettings()


@dataclass(slots=True)
class Alert:
    spike: Spike
    group: str
    terms: list[str] = field(default_factory=list)
    aspects: dict[str, int] = field(default_factory=dict)
    examples: list[Example] = field(default_factory=list)

    @property
    def dedupe_key(self) -> str:
        return f"{self.group}:{self.spike.dedupe_key}"

    def summary(self) -> str:
        kind, start = self.spike.kind.replace("_", " "), self.spike.start
        head = f"{kind} spike in {self.group} at {start:%Y-%m-%d %H:00} UTC"
        return f"{head}: {self.spike.describe()}"

    def to_dict(self) -> dict[str, Any]:
        s = self.spike
        return {
            "dedupe_key": self.dedupe_key,
            "kind": s.kind,
            "group": self.group,
            "start": s.start.isoformat(),
            "observed": s.observed,
            "expected": s.expected,
            "zscore": round(s.zscore, 2),
            "summary": self.summary(),
            "terms": self.terms,
            "aspects": self.aspects,
            "examples": [e.to_dict() for e in self.examples],
        }


def hourly_buckets(conn: sa.Connection, filters: Filters) -> list[Bucket]:
    """One bucket per hour from ``since`` to ``until`` (or the data's first/last hour), gaps as zero."""
    t = rollup_sentiment_hourly
    negative = sa.func.sum(sa.case((t.c.sentiment == "negative", t.c.posts), else_=0))
    query = (
        sa.select(t.c.hour, sa.func.sum(t.c.posts), negative)
        .where(*where(filters, moment=t.c.hour, group=t.c.query_group, platform=t.c.platform))
        .group_by(t.c.hour)
        .order_by(t.c.hour)
    )
    found = {as_utc(hour): (int(n), int(neg)) for hour, n, neg in conn.execute(query)}
    if not found:
        return []
    first = floor("hour", filters.since) if filters.since else min(found)
    last = filters.until - HOUR if filters.until else max(found)
    out, hour = [], first
    while hour <= last:
        volume, negatives = found.get(hour, (0, 0))
        out.append(Bucket(hour, volume, negatives))
        hour += HOUR
    return out


def find_spikes(
    conn: sa.Connection,
    filters: Filters,
    settings: SpikeSettings = DEFAULT_SETTINGS,
    *,
    group: str = BRAND,
    explain: bool = True,
) -> list[Alert]:
    scoped = Filters(filters.since, filters.until, (group,), filters.platforms)
    found = [Alert(spike, group) for spike in detect_spikes(hourly_buckets(conn, scoped), settings)]
    if explain:
        for alert in found:
            _explain(conn, alert, scoped, settings)
    return found


def _explain(conn: sa.Connection, alert: Alert, scoped: Filters, settings: SpikeSettings) -> None:
    hour = Filters(alert.spike.start, alert.spike.start + HOUR, scoped.groups, scoped.platforms)
    before = Filters(
        alert.spike.start - HOUR * settings.baseline, alert.spike.start, scoped.groups, scoped.platforms
    )
    topics = emerging_topics(
        sample_texts(conn, hour, 200), sample_texts(conn, before, 600), limit=5, min_count=2
    )
    alert.terms = [t.phrase for t in topics]
    alert.aspects = _aspect_counts(conn, hour)
    alert.examples = period_examples(conn, hour, negative_first=alert.spike.kind == "negative_share")


def _aspect_counts(conn: sa.Connection, hour: Filters, limit: int = 5) -> dict[str, int]:
    in_group = sa.select(post_matches.c.post_id).where(
        post_matches.c.post_id == posts.c.id, post_matches.c.query_group.in_(hour.groups)
    )
    query = (
        sa.select(post_aspects.c.aspect, sa.func.count())
        .select_from(post_aspects.join(posts, posts.c.id == post_aspects.c.post_id))
        .where(in_group.exists(), posts.c.created_at >= hour.since, posts.c.created_at < hour.until)
        .group_by(post_aspects.c.aspect)
    )
    counts = Counter({aspect: int(n) for aspect, n in conn.execute(query)})
    return dict(counts.most_common(limit))


def record_alerts(engine: sa.Engine, found: list[Alert], *, now: datetime | None = None) -> list[Alert]:
    """Store the alerts not stored yet (by dedupe key); return those, the ones to deliver."""
    fresh: list[Alert] = []
    with engine.begin() as conn:
        known = set(
            conn.execute(
                sa.select(alerts.c.dedupe_key).where(alerts.c.dedupe_key.in_([a.dedupe_key for a in found]))
            ).scalars()
        )
        for alert in found:
            if alert.dedupe_key in known:
                continue
            known.add(alert.dedupe_key)
            conn.execute(alerts.insert().values(**_alert_row(alert, now or utcnow())))
            fresh.append(alert)
    return fresh


def _alert_row(alert: Alert, now: datetime) -> dict[str, Any]:
    s = alert.spike
    details = alert.to_dict()
    return {
        "dedupe_key": alert.dedupe_key,
        "kind": s.kind,
        "query_group": alert.group,
        "bucket_start": s.start,
        "observed": s.observed,
        "expected": s.expected,
        "zscore": s.zscore,
        "summary": alert.summary(),
        "details": {k: details[k] for k in ("terms", "aspects", "examples")},
        "created_at": now,
    }


def stored_alerts(conn: sa.Connection, *, limit: int = 50) -> list[dict[str, Any]]:
    """The newest alerts for the dashboard."""
    query = sa.select(alerts).order_by(alerts.c.bucket_start.desc(), alerts.c.id.desc()).limit(limit)
    return [dict(row._mapping) for row in conn.execute(query)]
