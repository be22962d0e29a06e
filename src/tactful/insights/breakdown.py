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
from tactful.store.schema import (
    analyses,
    post_matches,
    posts,
    rollup_authors_daily,
    rollup_group_authors_daily,
)

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
    rows = _from_rollup(filters, by) if _rollup_answers(filters) else _from_posts(filters, by)
    counts, authors = _cells(conn, rows, by)
    margins: dict[tuple[int, Any], set[str]] = defaultdict(set)
    for key, cell_authors in authors.items():
        for i, value in enumerate(key):
            margins[(i, value)].update(cell_authors)
    return suppress(
        counts,
        {key: len(a) for key, a in authors.items()},
        k=k,
        total_authors={key: len(a) for key, a in margins.items()},
    )


def _cells(
    conn: sa.Connection, rows: sa.Subquery, by: tuple[str, ...]
) -> tuple[dict[tuple[Any, ...], int], dict[tuple[Any, ...], set[str]]]:
    """Posts and the set of authors per cell, from rows of (cell..., author, posts).

    The database groups by cell and concatenates each cell's authors into one string, so
    Python sees one row per cell, not one per author (the authors of a cell over several
    days repeat; the set removes them).
    """
    columns = [rows.c[d] for d in by]
    query = sa.select(*columns, sa.func.sum(rows.c.posts), _joined(conn, rows.c.author)).group_by(*columns)
    counts: dict[tuple[Any, ...], int] = {}
    authors: dict[tuple[Any, ...], set[str]] = {}
    for row in conn.execute(query):
        key = tuple(row[: len(by)])
        counts[key] = int(row[-2])
        authors[key] = set(row[-1].split(SEPARATOR))
    return counts, authors


SEPARATOR = "\x1f"  # the ASCII unit separator: never part of a pseudonym (hex digests)


def _joined(conn: sa.Connection, column: Any) -> Any:
    if conn.dialect.name == "postgresql":
        return sa.func.string_agg(column, SEPARATOR)
    return sa.func.group_concat(column, SEPARATOR)


def _rollup_answers(filters: Filters) -> bool:
    """Daily author rollups answer whole-day ranges: over every group, or narrowed to one.

    A post in two of the chosen groups would count twice if several groups' rows were added,
    so a filter on several groups reads the posts table.
    """
    return len(filters.groups) <= 1 and whole_days(filters)


def _from_rollup(filters: Filters, by: tuple[str, ...]) -> sa.Subquery:
    t = rollup_group_authors_daily if filters.groups else rollup_authors_daily
    group = t.c.query_group if filters.groups else None
    return (
        sa.select(*[t.c[d] for d in by], t.c.author_pseudonym.label("author"), t.c.posts)
        .where(*where(filters, moment=t.c.day, group=group, platform=t.c.platform), t.c.posts > 0)
        .subquery("cells")
    )


def _from_posts(filters: Filters, by: tuple[str, ...]) -> sa.Subquery:
    columns = [DIMENSIONS[d].label(d) for d in by]
    return (
        _scoped(filters)
        .add_columns(*columns, posts.c.author_pseudonym.label("author"), sa.func.count().label("posts"))
        .group_by(*columns, posts.c.author_pseudonym)
        .subquery("cells")
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
