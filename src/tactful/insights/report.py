"""A weekly/monthly report's figures and its written summary.

``gather`` computes every figure once (the same aggregates the dashboard uses);
``summary`` turns them into sentences with templates: each sentence states a
computed figure and nothing else, and is left out when its figure is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from statistics import median
from typing import Any

import sqlalchemy as sa

from tactful.insights import aggregates, alerts, emerging
from tactful.insights.aggregates import Driver, SeriesPoint, Voice
from tactful.insights.alerts import Alert
from tactful.insights.buckets import as_utc
from tactful.insights.emerging import EmergingTopic
from tactful.insights.filters import BRAND, Filters, net_sentiment


@dataclass(slots=True)
class InboxSla:
    opened: int
    answered: int
    resolved: int
    median_first_reply_minutes: float | None


@dataclass(slots=True)
class ReportData:
    since: datetime
    until: datetime
    brand: str
    series: list[SeriesPoint]
    previous_series: list[SeriesPoint]
    voices: list[Voice]
    drivers: list[Driver]
    topics: list[EmergingTopic]
    spikes: list[Alert]
    sla: InboxSla | None
    extra: dict[str, Any] = field(default_factory=dict)

    def brand_total(self, previous: bool = False) -> int:
        return sum(
            p.posts for p in (self.previous_series if previous else self.series) if p.group == self.brand
        )

    def brand_sentiment(self) -> tuple[int, int]:
        points = [p for p in self.series if p.group == self.brand]
        return sum(p.sentiment.get("positive", 0) for p in points), sum(
            p.sentiment.get("negative", 0) for p in points
        )


def gather(conn: sa.Connection, since: datetime, until: datetime, *, brand: str = BRAND) -> ReportData:
    period = Filters(since, until)
    interval = "day" if (until - since).days <= 62 else "week"
    return ReportData(
        since=since,
        until=until,
        brand=brand,
        series=aggregates.timeseries(conn, period, interval),  # type: ignore[arg-type]
        previous_series=aggregates.timeseries(conn, period.previous(), interval),  # type: ignore[arg-type]
        voices=aggregates.share_of_voice(conn, period, brand),
        drivers=aggregates.drivers(conn, period, brand=brand, limit=8),
        topics=emerging.topics(conn, Filters(since, until, (brand,)), limit=8),
        spikes=alerts.find_spikes(conn, period, group=brand),
        sla=inbox_sla(conn, period),
    )


def inbox_sla(conn: sa.Connection, period: Filters) -> InboxSla | None:
    """Conversations opened in the period, answered, resolved, median minutes to a first reply.

    None when the database has no inbox tables.
    """
    if not sa.inspect(conn).has_table("inbox_conversations"):
        return None
    table = sa.Table("inbox_conversations", sa.MetaData(), autoload_with=conn)
    rows = conn.execute(
        sa.select(table.c.opened_at, table.c.first_reply_at, table.c.resolved_at).where(
            table.c.opened_at >= period.since, table.c.opened_at < period.until
        )
    ).all()
    waits = [
        (as_utc(r.first_reply_at) - as_utc(r.opened_at)).total_seconds() / 60
        for r in rows
        if r.first_reply_at
    ]
    return InboxSla(
        len(rows), len(waits), sum(1 for r in rows if r.resolved_at), median(waits) if waits else None
    )


def summary(data: ReportData) -> list[str]:
    """Sentences, each derived from one computed figure; none when that figure is missing."""
    sentences = [
        _volume_sentence(data),
        _sentiment_sentence(data),
        _voice_sentence(data),
        _driver_sentence(data),
        _topic_sentence(data),
        _spike_sentence(data),
        _sla_sentence(data),
    ]
    return [s for s in sentences if s]


def _period(data: ReportData) -> str:
    return f"{data.since:%Y-%m-%d} to {data.until:%Y-%m-%d}"


def _volume_sentence(data: ReportData) -> str:
    now, before = data.brand_total(), data.brand_total(previous=True)
    if before == 0:
        return f"From {_period(data)}, {now:,} posts matched the {data.brand} queries."
    change = (now - before) / before
    direction = "more" if change >= 0 else "fewer"
    return (
        f"From {_period(data)}, {now:,} posts matched the {data.brand} queries, "
        f"{abs(change):.0%} {direction} than in the previous period ({before:,})."
    )


def _sentiment_sentence(data: ReportData) -> str:
    positive, negative = data.brand_sentiment()
    net = net_sentiment(positive, negative)
    if net is None:
        return ""
    return (
        f"Net sentiment for {data.brand} was {net:+.2f} "
        f"({positive:,} positive and {negative:,} negative posts)."
    )


def _voice_sentence(data: ReportData) -> str:
    brand = next((v for v in data.voices if v.group == data.brand), None)
    rivals = [v for v in data.voices if v.group != data.brand]
    if brand is None or brand.share is None or not rivals:
        return ""
    top = rivals[0]
    return (
        f"{data.brand} had {brand.share:.0%} of the voice against {len(rivals)} competitor group(s); "
        f"the largest, {top.group}, had {top.share:.0%}."
    )


def _driver_sentence(data: ReportData) -> str:
    if not data.drivers or data.drivers[0].negative == 0:
        return ""
    top = data.drivers[0]
    return (
        f"The aspect with the most negative mentions was {top.aspect} ({top.negative:,}, "
        f"{top.change:+,} on the previous period)."
    )


def _topic_sentence(data: ReportData) -> str:
    if not data.topics:
        return ""
    top = data.topics[0].topic
    return (
        f'The strongest emerging phrase was "{top.phrase}" ({top.current:,} posts in the sample, '
        f"{top.baseline:,} in the baseline sample)."
    )


def _spike_sentence(data: ReportData) -> str:
    if not data.spikes:
        return f"No spike alert was raised for {data.brand} in the period."
    first = data.spikes[0]
    return (
        f"{len(data.spikes)} spike alert(s) were raised; "
        f"the first, at {first.spike.start:%Y-%m-%d %H:00} UTC, "
        f"was a {first.spike.kind.replace('_', ' ')} spike: {first.spike.describe()}."
    )


def _sla_sentence(data: ReportData) -> str:
    sla = data.sla
    if sla is None or sla.opened == 0:
        return ""
    wait = (
        f"; the median first reply came after {sla.median_first_reply_minutes:.0f} minutes"
        if sla.median_first_reply_minutes is not None
        else ""
    )
    return (f"The inbox opened {sla.opened:,} conversations, answered {sla.answered:,} "
            f"and resolved {sla.resolved:,}{wait}.")
