"""Rollup tables: per-group post counts by time bucket and labels, the source of dashboard aggregates.

``Store.write_batch`` adds new posts (``add_posts``, same transaction, one upsert
per rollup per batch); database triggers (migration 0006) subtract and move
contributions on every delete and update, whatever the order (an erasure that
deletes analyses before posts, a cascade from ``posts``, a re-analysis). Retention
blanks old text but keeps the rows, so aggregates outlive the raw text. Rows
inserted by other means than ``write_batch`` need ``add_posts`` or a ``rebuild``.
``raw_counts`` computes the same figures from the raw tables: the
definition, the rebuild, and what tests compare the rollups with.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import UTC
from typing import Any

import sqlalchemy as sa
import structlog
from sqlalchemy.dialects import postgresql, sqlite

from tactful.insights.buckets import Interval, bucket, floor
from tactful.records import StoredPost
from tactful.store import rows
from tactful.store.schema import (
    analyses,
    post_aspects,
    post_matches,
    posts,
    rollup_aspects_daily,
    rollup_authors_daily,
    rollup_group_authors_daily,
    rollup_intent_daily,
    rollup_intent_hourly,
    rollup_sentiment_daily,
    rollup_sentiment_hourly,
)

log = structlog.get_logger(__name__)

UNANALYSED = "unanalysed"
ROLLUPS: dict[str, sa.Table] = {
    "sentiment_hourly": rollup_sentiment_hourly,
    "intent_hourly": rollup_intent_hourly,
    "sentiment_daily": rollup_sentiment_daily,
    "intent_daily": rollup_intent_daily,
    "aspects_daily": rollup_aspects_daily,
    "authors_daily": rollup_authors_daily,
    "group_authors_daily": rollup_group_authors_daily,
}


def group_memberships() -> sa.Subquery:
    """(post_id, query_group), once per group however many of its queries matched."""
    return sa.select(post_matches.c.post_id, post_matches.c.query_group).distinct().subquery("m")


def raw_counts(name: str) -> sa.Select[Any]:
    """The rollup ``name`` computed from the raw tables (same columns, same order)."""
    if name == "authors_daily":
        from tactful.insights.breakdown import reportable_clause

        return (
            sa.select(
                bucket("day", posts.c.created_at),
                posts.c.platform,
                sa.func.coalesce(posts.c.lang, "und"),
                posts.c.author_pseudonym,
                sa.func.count(),
            )
            .where(reportable_clause())
            .group_by(*range_keys(4))
        )
    m = group_memberships()
    if name == "group_authors_daily":
        from tactful.insights.breakdown import reportable_clause

        return (
            sa.select(
                bucket("day", posts.c.created_at),
                m.c.query_group,
                posts.c.platform,
                sa.func.coalesce(posts.c.lang, "und"),
                posts.c.author_pseudonym,
                sa.func.count(),
            )
            .select_from(m.join(posts, posts.c.id == m.c.post_id))
            .where(reportable_clause())
            .group_by(*range_keys(5))
        )
    if name == "aspects_daily":
        return (
            sa.select(
                bucket("day", posts.c.created_at),
                m.c.query_group,
                post_aspects.c.aspect,
                post_aspects.c.sentiment,
                sa.func.count(),
            )
            .select_from(
                m.join(posts, posts.c.id == m.c.post_id).join(
                    post_aspects, post_aspects.c.post_id == posts.c.id
                )
            )
            .group_by(*range_keys(4))
        )
    label = analyses.c.sentiment if name.startswith("sentiment") else analyses.c.intent
    return (
        sa.select(
            bucket(interval_of(name), posts.c.created_at),
            m.c.query_group,
            posts.c.platform,
            sa.func.coalesce(label, UNANALYSED),
            sa.func.count(),
        )
        .select_from(
            m.join(posts, posts.c.id == m.c.post_id).outerjoin(analyses, analyses.c.post_id == posts.c.id)
        )
        .group_by(*range_keys(4))
    )


def range_keys(n: int) -> list[sa.ColumnElement[Any]]:
    """GROUP BY 1, 2, ..., n (positional: the bucket expression is long)."""
    return [sa.literal_column(str(i)) for i in range(1, n + 1)]


def rebuild(engine: sa.Engine) -> dict[str, int]:
    """Recompute every rollup from the raw tables in one transaction; return rows per rollup."""
    sizes: dict[str, int] = {}
    with engine.begin() as conn:
        for name, table in ROLLUPS.items():
            conn.execute(sa.delete(table))
            columns = [c.name for c in table.columns]
            conn.execute(table.insert().from_select(columns, raw_counts(name)))
            sizes[name] = int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())
    log.info("insights.rollups_rebuilt", **sizes)
    return sizes


def stored_counts(conn: sa.Connection, name: str) -> dict[tuple[Any, ...], int]:
    table = ROLLUPS[name]
    keys = [c for c in table.columns if c.name != "posts"]
    rows = conn.execute(sa.select(*keys, table.c.posts).where(table.c.posts != 0))
    return {tuple(row[:-1]): int(row[-1]) for row in rows}


def computed_counts(conn: sa.Connection, name: str) -> dict[tuple[Any, ...], int]:
    return {tuple(row[:-1]): int(row[-1]) for row in conn.execute(raw_counts(name))}


def differences(engine: sa.Engine) -> dict[str, int]:
    """Per rollup, how many keys disagree with the raw tables (all zero when consistent)."""
    out: dict[str, int] = {}
    with engine.connect() as conn:
        for name in ROLLUPS:
            stored, computed = stored_counts(conn, name), computed_counts(conn, name)
            out[name] = _disagreements(stored, computed)
    return out


def _disagreements(a: Mapping[tuple[Any, ...], int], b: Mapping[tuple[Any, ...], int]) -> int:
    return sum(1 for key in set(a) | set(b) if a.get(key, 0) != b.get(key, 0))


def interval_of(name: str) -> Interval:
    return "hour" if name.endswith("_hourly") else "day"


# --- new posts: added by Store.write_batch in its transaction --------------------------------------

Delta = dict[str, dict[tuple[Any, ...], int]]


def contributions(new: Sequence[tuple[int, StoredPost]]) -> Delta:
    """What new posts add to each rollup (the same rules as ``raw_counts``): pure."""
    delta: Delta = {name: defaultdict(int) for name in ROLLUPS}
    for post_id, post in new:
        created = post.created_at if post.created_at.tzinfo else post.created_at.replace(tzinfo=UTC)
        hour, day = floor("hour", created), floor("day", created)
        analysis = post.analysis
        sentiment = analysis.sentiment.label if analysis and analysis.sentiment else UNANALYSED
        intent = analysis.intent.label if analysis and analysis.intent else UNANALYSED
        aspects = rows.aspect_rows(post_id, analysis.aspects) if analysis else []
        reportable = not (analysis and analysis.sensitive)
        author = (day, post.platform, post.lang or "und", post.author_pseudonym)
        for group in {m.group for m in post.matches}:
            delta["sentiment_hourly"][(hour, group, post.platform, sentiment)] += 1
            delta["intent_hourly"][(hour, group, post.platform, intent)] += 1
            delta["sentiment_daily"][(day, group, post.platform, sentiment)] += 1
            delta["intent_daily"][(day, group, post.platform, intent)] += 1
            for aspect in aspects:
                delta["aspects_daily"][(day, group, aspect["aspect"], aspect["sentiment"])] += 1
            if reportable:
                delta["group_authors_daily"][(day, group, *author[1:])] += 1
        if reportable:
            delta["authors_daily"][author] += 1
    return delta


def add_posts(conn: sa.Connection, new: Sequence[tuple[int, StoredPost]]) -> None:
    """Add just-inserted posts (with their ids) to every rollup: one upsert per rollup."""
    for name, counts in contributions(new).items():
        if counts:
            _upsert(conn, ROLLUPS[name], counts)


def _upsert(conn: sa.Connection, table: sa.Table, counts: Mapping[tuple[Any, ...], int]) -> None:
    keys = [c.name for c in table.columns if c.name != "posts"]
    insert = (sqlite.insert if conn.dialect.name == "sqlite" else postgresql.insert)(table)
    statement = insert.on_conflict_do_update(index_elements=keys,
                                             set_={"posts": table.c.posts + insert.excluded.posts})
    # Rows in one fixed order: two listeners' batches then lock shared counters in the same order, so
    # they queue instead of deadlocking (PostgreSQL would abort one of them).
    ordered = sorted(counts.items(), key=lambda item: repr(item[0]))
    conn.execute(statement, [{**dict(zip(keys, key, strict=True)), "posts": n} for key, n in ordered])
