"""Breakdowns by author attributes (language, platform), always through small-cell suppression.

Counts posts and distinct authors (pseudonyms) per cell, over posts that reveal
no sensitive category (``reportable``), then hands both to
``privacy.suppression.suppress``: cells and totals describing fewer than ``k``
authors are hidden, with complementary suppression so none can be recovered.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from tactful.errors import UsageError
from tactful.insights.filters import Filters, where
from tactful.privacy.suppression import Breakdown, suppress
from tactful.store.schema import analyses, post_matches, posts

# The author attributes a breakdown may use: what sources provide about authors.
DIMENSIONS: dict[str, Any] = {
    "lang": sa.func.coalesce(posts.c.lang, "und"),
    "platform": posts.c.platform,
}


def reportable_clause() -> sa.ColumnElement[bool]:
    """Posts whose analysis lists no sensitive category (posts without analysis count as reportable)."""
    try:  # the privacy layer's definition, once privacy-ops is on main
        from tactful.privacy.reportable import reportable_clause as from_privacy
    except ImportError:  # pragma: no cover - depends on which branches are merged
        sensitive = analyses.c.analysis["sensitive"]
        text = sa.cast(sensitive, sa.Text)
        flagged = sa.select(analyses.c.post_id).where(
            analyses.c.post_id == posts.c.id, sensitive.isnot(None), text.notin_(["[]", "null"]))
        return ~flagged.exists()
    return from_privacy()


def breakdown(conn: sa.Connection, filters: Filters, by: tuple[str, ...] = ("lang",), *, k: int = 10) -> Breakdown:
    unknown = [d for d in by if d not in DIMENSIONS]
    if unknown or not by:
        raise UsageError(f"cannot break down by {', '.join(unknown) or 'nothing'} "
                         f"(choose from: {', '.join(DIMENSIONS)})")
    columns = [DIMENSIONS[d].label(d) for d in by]
    base = _scoped(filters)
    counts, authors = {}, {}
    for row in conn.execute(base.add_columns(*columns, sa.func.count(), _authors()).group_by(*columns)):
        key = tuple(row[:len(by)])
        counts[key], authors[key] = int(row[-2]), int(row[-1])
    totals = {}
    for i, column in enumerate(columns):
        for value, n in conn.execute(base.add_columns(column, _authors()).group_by(column)):
            totals[(i, value)] = int(n)
    return suppress(counts, authors, k=k, total_authors=totals)


def _authors() -> sa.ColumnElement[int]:
    return sa.func.count(sa.distinct(posts.c.author_pseudonym))


def _scoped(filters: Filters) -> sa.Select[Any]:
    conditions = where(Filters(filters.since, filters.until, (), filters.platforms), moment=posts.c.created_at,
                       group=None, platform=posts.c.platform)
    if filters.groups:
        conditions.append(sa.select(post_matches.c.post_id).where(
            post_matches.c.post_id == posts.c.id, post_matches.c.query_group.in_(filters.groups)).exists())
    return sa.select().select_from(posts).where(reportable_clause(), *conditions)


def to_rows(result: Breakdown, by: tuple[str, ...]) -> list[dict[str, Any]]:
    return [{**dict(zip(by, key, strict=True)), "posts": cell.count, "authors": cell.authors,
             "suppressed": cell.suppressed, "reason": cell.reason}
            for key, cell in sorted(result.cells.items(), key=lambda kv: tuple(map(str, kv[0])))]
