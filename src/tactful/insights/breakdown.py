"""Breakdowns by author attributes (language, platform), always through small-cell suppression.

Counts posts and distinct authors (pseudonyms) per cell, over posts that reveal
no sensitive category (``reportable``), then hands both to
``privacy.suppression.suppress``: cells and totals describing fewer than ``k``
authors are hidden, with complementary suppression so none can be recovered.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa

from tactful.errors import UsageError
from tactful.insights.filters import Filters, where, whole_days
from tactful.privacy.suppression import Breakdown, suppress
from tactful.store.schema import analyses, post_matches, posts, rollup_authors_daily

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
            analyses.c.post_id == posts.c.id, sensitive.isnot(None), text.notin_(["[]", "null"])
        )
        return ~flagged.exists()
    return from_privacy()


def breakdown(
    conn: sa.Connection, filters: Filters, by: tuple[str, ...] = ("lang",), *, k: int = 10
) -> Breakdown:
    unknown = [d for d in by if d not in DIMENSIONS]
    if unknown or not by:
        raise UsageError(
            f"cannot break down by {', '.join(unknown) or 'nothing'} (choose from: {', '.join(DIMENSIONS)})"
        )
    # One scan: posts per (cell, author); cells, distinct authors and marginal totals follow in Python.
    query = _from_rollup(filters, by) if _rollup_answers(filters) else _from_posts(filters, by)
    counts: dict[tuple[Any, ...], int] = defaultdict(int)
    authors: dict[tuple[Any, ...], set[str]] = defaultdict(set)
    margins: dict[tuple[int, Any], set[str]] = defaultdict(set)
    for row in conn.execute(query):
        key, author = tuple(row[: len(by)]), row[len(by)]
        counts[key] += int(row[-1])
        authors[key].add(author)
        for i, value in enumerate(key):
            margins[(i, value)].add(author)
    return suppress(
        dict(counts),
        {key: len(a) for key, a in authors.items()},
        k=k,
        total_authors={key: len(a) for key, a in margins.items()},
    )


def _rollup_answers(filters: Filters) -> bool:
    """The daily author rollup answers any whole-day range not narrowed to query groups."""
    return not filters.groups and whole_days(filters)


def _from_rollup(filters: Filters, by: tuple[str, ...]) -> sa.Select[Any]:
    t = rollup_authors_daily
    columns = [t.c[d] for d in by]
    # No GROUP BY: the rows come in key order and are summed in Python, which is faster than a sort.
    return sa.select(*columns, t.c.author_pseudonym, t.c.posts).where(
        *where(filters, moment=t.c.day, group=None, platform=t.c.platform), t.c.posts > 0
    )


def _from_posts(filters: Filters, by: tuple[str, ...]) -> sa.Select[Any]:
    columns = [DIMENSIONS[d].label(d) for d in by]
    return (
        _scoped(filters)
        .add_columns(*columns, posts.c.author_pseudonym, sa.func.count())
        .group_by(*columns, posts.c.author_pseudonym)
    )


def _scoped(filters: Filters) -> sa.Select[Any]:
    conditions = where(
        Filters(filters.since, filters.until, (), filters.platforms),
        moment=posts.c.created_at,
        group=None,
        platform=posts.c.platform,
    )
    if filters.groups:
        conditions.append(
            sa.select(post_matches.c.post_id)
            .where(post_matches.c.post_id == posts.c.id, post_matches.c.query_group.in_(filters.groups))
            .exists()
        )
    return sa.select().select_from(posts).where(reportable_clause(), *conditions)


def to_rows(result: Breakdown, by: tuple[str, ...]) -> list[dict[str, Any]]:
    return [
        {
            **dict(zip(by, key, strict=True)),
            "posts": cell.count,
            "authors": cell.authors,
            "suppressed": cell.suppressed,
            "reason": cell.reason,
        }
        for key, cell in sorted(result.cells.items(), key=lambda kv: tuple(map(str, kv[0])))
    ]
