"""What the dashboard and insights pages draw, read from the store in a few SQL aggregates.

A thin adapter to chart shapes (labels + series): share of voice and drivers
come from ``tactful.insights.aggregates`` (rollup tables); volume per day and the
intent mix count distinct posts here (the rollups count a post once per query
group); alerts and topics call ``insights.spikes`` and ``insights.topics``. Every function takes the store's
engine and returns plain JSON-ready data; none returns post authors.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from tactful.insights import aggregates, emerging
from tactful.insights.buckets import as_utc
from tactful.insights.filters import Filters
from tactful.insights.spikes import Bucket, SpikeSettings, detect_spikes
from tactful.privacy.detect import detect_pii
from tactful.privacy.redact import redact
from tactful.store.schema import analyses, posts

SENTIMENTS = ("positive", "neutral", "negative")
PSEUDONYM = re.compile(r"user-[0-9a-f]{4,}")
_DAY = sa.cast(sa.func.date(posts.c.created_at), sa.String)


def volume(engine: sa.Engine) -> dict[str, Any]:
    """Posts per UTC day, and per day and sentiment (with net sentiment)."""
    query = (
        sa.select(_DAY.label("day"), analyses.c.sentiment, sa.func.count().label("n"))
        .select_from(posts.outerjoin(analyses, analyses.c.post_id == posts.c.id))
        .group_by(_DAY, analyses.c.sentiment)
        .order_by(_DAY)
    )
    by_day: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    with engine.connect() as conn:
        for day, sentiment, n in conn.execute(query):
            by_day[str(day)][sentiment or "unanalysed"] += int(n)
    days = sorted(by_day)
    series = {s: [by_day[d].get(s, 0) for d in days] for s in SENTIMENTS}
    return {
        "labels": days,
        "volume": [sum(by_day[d].values()) for d in days],
        "sentiment": series,
        "net_sentiment": [_net(by_day[d]) for d in days],
    }


def intent_mix(engine: sa.Engine) -> dict[str, Any]:
    key = sa.func.coalesce(analyses.c.intent, "unanalysed")
    query = sa.select(key, sa.func.count()).group_by(key).order_by(sa.func.count().desc())
    with engine.connect() as conn:
        found = [(str(k), int(n)) for k, n in conn.execute(query)]
    return {"labels": [k for k, _ in found], "counts": [n for _, n in found]}


def share_of_voice(engine: sa.Engine) -> dict[str, Any]:
    """The brand against each competitor, overall and by sentiment (``insights.aggregates``, from rollups)."""
    with engine.connect() as conn:
        voices = aggregates.share_of_voice(conn, Filters())
    return {
        "labels": [v.group for v in voices],
        "counts": [v.posts for v in voices],
        "share": [round(v.share or 0.0, 4) for v in voices],
        "sentiment": {s: [v.sentiment.get(s, 0) for v in voices] for s in SENTIMENTS},
    }


def drivers(engine: sa.Engine, *, limit: int = 12) -> dict[str, Any]:
    """Aspects x sentiment for the brand, most negative first (``insights.aggregates``, from rollups)."""
    with engine.connect() as conn:
        found = aggregates.drivers(conn, Filters(), limit=limit)
    return {
        "labels": [d.aspect for d in found],
        "sentiment": {s: [d.current.get(s, 0) for d in found] for s in SENTIMENTS},
    }


def alerts(engine: sa.Engine, *, hours: int = 1) -> list[dict[str, Any]]:
    """Volume and negative-share spikes per time bucket, newest first."""
    bucket = (
        sa.func.strftime("%Y-%m-%d %H:00", posts.c.created_at)
        if engine.dialect.name == "sqlite"
        else sa.func.to_char(sa.func.date_trunc("hour", posts.c.created_at), "YYYY-MM-DD HH24:00")
    )
    negative = sa.func.sum(sa.case((analyses.c.sentiment == "negative", 1), else_=0))
    query = (
        sa.select(bucket, sa.func.count(), negative)
        .select_from(posts.outerjoin(analyses, analyses.c.post_id == posts.c.id))
        .group_by(bucket)
        .order_by(bucket)
    )
    with engine.connect() as conn:
        found = {datetime.fromisoformat(str(b)): (int(n), int(neg or 0)) for b, n, neg in conn.execute(query)}
    buckets = _filled(found, timedelta(hours=hours))
    spikes = detect_spikes(buckets, SpikeSettings(baseline=12, sensitivity=3.0, cooldown=6, min_volume=5))
    return [
        {
            "kind": s.kind,
            "start": s.start.isoformat(),
            "observed": s.observed,
            "expected": s.expected,
            "zscore": round(s.zscore, 2),
            "summary": s.describe(),
            "id": s.dedupe_key,
        }
        for s in reversed(spikes)
    ]


def topics(
    engine: sa.Engine, *, days: int = 7, limit: int = 10, brand_handles: Iterable[str] = ()
) -> list[dict[str, Any]]:
    """Phrases growing in the newest ``days`` (to the newest post) against the four periods before.

    ``insights.emerging`` finds them; each carries its sentiment mix and up to
    three example posts: text only (no author, no post id), as stored (redacted
    by the privacy gate) and scrubbed again here, in case a post predates a recogniser.
    """
    with engine.connect() as conn:
        newest = conn.execute(sa.select(sa.func.max(posts.c.created_at))).scalar_one()
        if newest is None:
            return []
        until = as_utc(datetime.fromisoformat(str(newest))) + timedelta(microseconds=1)
        period = Filters(until - timedelta(days=days), until)
        found = emerging.topics(conn, period, limit=limit)
    handles = tuple(brand_handles)
    return [_topic_json(t, handles) for t in found]


def _topic_json(found: emerging.EmergingTopic, brand_handles: tuple[str, ...]) -> dict[str, Any]:
    t = found.topic
    return {
        "phrase": t.phrase,
        "score": round(t.score, 2),
        "current": t.current,
        "baseline": t.baseline,
        "sentiment": {s: t.sentiment.get(s, 0) for s in (*SENTIMENTS, "unanalysed")},
        "net_sentiment": None if t.net_sentiment is None else round(t.net_sentiment, 3),
        "examples": [
            {
                "text": scrub(e.text, brand_handles),
                "sentiment": e.sentiment,
                "created_at": e.created_at.isoformat(timespec="minutes"),
            }
            for e in found.examples
        ],
    }


def scrub(text: str, brand_handles: tuple[str, ...] = ()) -> str:
    """Redact any PII left in stored text; pseudonyms the gate made (``@user-3f9a1c``) stay as they are."""
    return redact(text, detect_pii(text, brand_handles), pseudonymise_handle=_keep_pseudonym)


def _keep_pseudonym(handle: str) -> str:
    return handle if PSEUDONYM.fullmatch(handle) else "[handle]"


def _filled(found: dict[datetime, tuple[int, int]], step: timedelta) -> list[Bucket]:
    if not found:
        return []
    start, end = min(found), max(found)
    out: list[Bucket] = []
    while start <= end and len(out) < 24 * 400:
        volume_, negative = found.get(start, (0, 0))
        out.append(Bucket(start, volume_, negative))
        start += step
    return out


def _net(counts: dict[str, int]) -> float | None:
    pos, neg = counts.get("positive", 0), counts.get("negative", 0)
    return round((pos - neg) / (pos + neg), 3) if pos + neg else None
