"""Breakdowns by author attributes (language, platform), always through small-cell suppression.

Counts posts and distinct authors (pseudonyms) per cell, over posts that reveal
no sensitive category (``reportable``), then hands both to
``privacy.suppression.suppress``: cells and totals describing fewer than ``k``
authors are hidden, with complementary suppression so none can be recovered.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
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
    joined = _joiner(conn.dialect.name)
    read = _from_rollup if _rollup_answers(filters) else _from_posts
    cells = read(filters, by, joined)
    counts, authors = _cells(conn, cells, len(by))
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
    conn: sa.Connection, query: sa.Select[Any], width: int
) -> tuple[dict[tuple[Any, ...], int], dict[tuple[Any, ...], set[str]]]:
    """Posts and the set of authors per cell, from rows of (cell..., posts, authors joined).

    The database groups the rows and joins each group's authors into one string, so Python
    sees one row per cell (and day, from a rollup), not one per author; the authors of a
    cell on several days repeat, and the set keeps each once.
    """
    counts: dict[tuple[Any, ...], int] = defaultdict(int)
    authors: dict[tuple[Any, ...], set[str]] = defaultdict(set)
    for row in conn.execute(query):
        key = tuple(row[:width])
        counts[key] += int(row[-2])
        authors[key].update(row[-1].split(SEPARATOR))
    return dict(counts), dict(authors)


SEPARATOR = "\x1f"  # the ASCII unit separator: never part of a pseudonym (hex digests)
Joiner = Callable[[Any], Any]


def _joiner(dialect: str) -> Joiner:
    if dialect == "postgresql":
        return lambda column: sa.func.string_agg(column, SEPARATOR)
    return lambda column: sa.func.group_concat(column, SEPARATOR)


def _rollup_answers(filters: Filters) -> bool:
    """Daily author rollups answer whole-day ranges: over every group, or narrowed to one.

    A post in two of the chosen groups would count twice if several groups' rows were added,
    so a filter on several groups reads the posts table.
    """
    return len(filters.groups) <= 1 and whole_days(filters)


def _from_rollup(filters: Filters, by: tuple[str, ...], joined: Joiner) -> sa.Select[Any]:
    t = rollup_group_authors_daily if filters.groups else rollup_authors_daily
    conditions = where(replace(filters, groups=()), moment=t.c.day, group=None, platform=t.c.platform)
    if filters.groups:
        # A range rather than "=": SQLite then still reads the primary key in order for GROUP BY
        # (with "=" it sorts every row first, twice the time); equal for a deterministic collation.
        conditions += [t.c.query_group >= filters.groups[0], t.c.query_group <= filters.groups[0]]
    # Grouped in primary key (and covering index) order, the rows of each day stream without a sort;
    # days and unrequested dimensions are merged in Python.
    keys = [t.c.day, *([t.c.query_group] if filters.groups else []), t.c.platform, t.c.lang]
    return (
        sa.select(*[t.c[d] for d in by], sa.func.sum(t.c.posts), joined(t.c.author_pseudonym))
        .where(*conditions, t.c.posts > 0)
        .group_by(*keys)
    )


def _from_posts(filters: Filters, by: tuple[str, ...], joined: Joiner) -> sa.Select[Any]:
    columns = [DIMENSIONS[d].label(d) for d in by]
    per_author = (
        _scoped(filters)
        .add_columns(*columns, posts.c.author_pseudonym.label("author"), sa.func.count().label("posts"))
        .group_by(*columns, posts.c.author_pseudonym)
        .subquery("cells")
    )
    cell = [per_author.c[d] for d in by]
    return sa.select(*cell, sa.func.sum(per_author.c.posts), joined(per_author.c.author)).group_by(*cell)


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
