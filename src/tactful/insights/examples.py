"""A few example posts behind a figure: newest first, text as stored (already redacted).

Posts whose text retention has blanked are skipped; handles are never shown
(the store only holds pseudonyms, and examples leave even those out).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from tactful.insights.buckets import as_utc
from tactful.insights.filters import Filters, where
from tactful.store.schema import analyses, post_aspects, post_matches, posts


@dataclass(frozen=True, slots=True)
class Example:
    post_id: int
    platform: str
    platform_id: str
    created_at: datetime
    text: str
    sentiment: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "post_id": self.post_id,
            "platform": self.platform,
            "platform_id": self.platform_id,
            "created_at": self.created_at.isoformat(),
            "text": self.text,
            "sentiment": self.sentiment,
        }


def posts_query(filters: Filters) -> sa.Select[Any]:
    in_group = sa.select(post_matches.c.post_id).where(post_matches.c.post_id == posts.c.id)
    if filters.groups:
        in_group = in_group.where(post_matches.c.query_group.in_(filters.groups))
    return (
        sa.select(
            posts.c.id,
            posts.c.platform,
            posts.c.platform_id,
            posts.c.created_at,
            posts.c.text,
            analyses.c.sentiment,
        )
        .select_from(posts.outerjoin(analyses, analyses.c.post_id == posts.c.id))
        .where(
            in_group.exists(),
            posts.c.text != "",
            *where(
                Filters(filters.since, filters.until, (), filters.platforms),
                moment=posts.c.created_at,
                group=None,
                platform=posts.c.platform,
            ),
        )
        .order_by(posts.c.created_at.desc(), posts.c.id.desc())
    )


def fetch_examples(conn: sa.Connection, query: sa.Select[Any]) -> list[Example]:
    return [
        Example(r.id, r.platform, r.platform_id, as_utc(r.created_at), r.text, r.sentiment)
        for r in conn.execute(query)
    ]


def aspect_examples(conn: sa.Connection, filters: Filters, aspect: str, *, limit: int = 3) -> list[Example]:
    """Posts mentioning ``aspect``: negative ones first (they explain a complaint driver)."""
    found: list[Example] = []
    for sentiment in ("negative", None):
        about = sa.select(post_aspects.c.post_id).where(
            post_aspects.c.post_id == posts.c.id, post_aspects.c.aspect == aspect
        )
        if sentiment is not None:
            about = about.where(post_aspects.c.sentiment == sentiment)
        seen = [e.post_id for e in found]
        query = posts_query(filters).where(about.exists(), posts.c.id.notin_(seen)).limit(limit - len(found))
        found += fetch_examples(conn, query)
        if len(found) >= limit:
            break
    return found


def period_examples(
    conn: sa.Connection, filters: Filters, *, negative_first: bool = False, limit: int = 3
) -> list[Example]:
    """Posts of a period (e.g. the hour of a spike)."""
    query = posts_query(filters)
    if negative_first:
        query = query.order_by(None).order_by(
            sa.case((analyses.c.sentiment == "negative", 0), else_=1),
            posts.c.created_at.desc(),
            posts.c.id.desc(),
        )
    return fetch_examples(conn, query.limit(limit))
