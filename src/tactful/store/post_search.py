"""Searching stored posts with the query language: the index narrows, the matcher decides.

Newest first (``created_at``, then row id, both descending), a page at a time with
a keyset cursor, over every stored post. The exact query always runs in Python
(``Matcher``) on the posts it is shown, so results are those of evaluating it on
every post; the database only decides which posts are worth showing it:

* **indexed**: when the query has a cover (``query/cover.py``) and the search index
  names at most ``INDEXED_LIMIT`` candidates (plus posts queued for re-indexing),
  only those are read, newest first;
* **scan**: otherwise (no cover: a NOT, field filters, short terms; or a cover so
  common that reading in date order finds matches sooner) posts are read newest
  first in growing batches (with a cover, only those the index says may match), at
  most ``SCAN_BUDGET`` rows or ``SCAN_SECONDS`` a request; a page that runs out of
  budget comes back short, with the cursor where the scan stopped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from tactful.errors import UsageError
from tactful.query.compiler import compile_one
from tactful.query.cover import Cover, search_cover
from tactful.query.matcher import Matcher
from tactful.query.parser import parse_query
from tactful.records import Post, StoredPost
from tactful.store import search_index
from tactful.store.schema import posts
from tactful.store.store import Store

INDEXED_LIMIT = 5000  # candidates the index may name before a date-order scan is the faster way
SCAN_BUDGET = 20_000  # candidates one request may read in a scan ...
SCAN_SECONDS = 0.25  # ... and for how long: a page that runs out comes back short, with its cursor
FIRST_BATCH, LAST_BATCH = 500, 8000
# What the matcher reads (links are not searched).
_LIGHT = (posts.c.id, posts.c.created_at, posts.c.platform, posts.c.platform_id, posts.c.text, posts.c.lang,
          posts.c.hashtags, posts.c.mentions)


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where a page ended: the newest-first position of its last post."""

    created_at: datetime
    post_id: int

    def encode(self) -> str:
        moment = self.created_at.astimezone(UTC)
        micros = int(moment.timestamp()) * 1_000_000 + moment.microsecond
        return f"{micros}.{self.post_id}"

    @classmethod
    def decode(cls, text: str) -> Cursor:
        micros, _, post_id = text.partition(".")
        if not (micros.lstrip("-").isdigit() and post_id.isdigit()):
            raise UsageError("the cursor is not one this search gave out")
        seconds, rest = divmod(int(micros), 1_000_000)
        return cls(datetime.fromtimestamp(seconds, UTC).replace(microsecond=rest), int(post_id))


@dataclass(slots=True)
class SearchPage:
    posts: list[StoredPost]
    next_cursor: Cursor | None  # None: nothing older matches
    more: bool  # a post after this page matches (False when the scan budget ran out first)
    total: int | None  # every match, when this request saw them all from the newest post on
    mode: str  # "all", "indexed" or "scan": how candidates were found


def search_posts(store: Store, query: str, *, limit: int, after: Cursor | None = None,
                 skip: int = 0) -> SearchPage:
    """The page of posts matching ``query`` after ``after`` (skipping ``skip`` matches first)."""
    matcher = Matcher([compile_one("search", "search", query)]) if query.strip() else None
    wanted = skip + limit + 1
    with store.engine.connect() as conn:
        rows, mode = _candidates(conn, matcher, after)
        found, last_seen, exhausted = _evaluate(rows, matcher, wanted)
        total = _total(conn, mode, found, exhausted, after)
    page = found[skip : skip + limit]
    more = len(found) > skip + limit
    if more:
        next_cursor: Cursor | None = Cursor(*page[-1][:2]) if page else last_seen
    else:
        next_cursor = None if exhausted else last_seen
    return SearchPage(store.load_posts([row[2] for row in page]), next_cursor, more, total, mode)


def search_cover_of(query: str) -> Cover | None:
    """The cover a search for ``query`` gives the index (None: it scans)."""
    return search_cover(parse_query(query)) if query.strip() else None


def _candidates(conn: sa.Connection, matcher: Matcher | None,
                after: Cursor | None) -> tuple[Iterable[sa.Row[Any]], str]:
    if matcher is None:
        return _Scan(conn, after, None), "all"
    cover = search_cover(matcher.queries[0].tree)
    if cover is not None:
        stale = search_index.stale_ids(conn, INDEXED_LIMIT + 1)
        if len(stale) <= INDEXED_LIMIT:
            ids = set(search_index.matching_ids(conn, cover, INDEXED_LIMIT + 1)) | set(stale)
            if len(ids) <= INDEXED_LIMIT:
                return _rows_of(conn, sorted(ids), after), "indexed"
    condition = None if cover is None else search_index.cover_condition(conn.dialect.name, cover)
    return _Scan(conn, after, SCAN_BUDGET, condition), "scan"


def _evaluate(rows: Iterable[sa.Row[Any]], matcher: Matcher | None,
              wanted: int) -> tuple[list[tuple[datetime, int, int]], Cursor | None, bool]:
    """(created_at, id, id) of the first ``wanted`` matches, the last position read, whether rows ran out."""
    found: list[tuple[datetime, int, int]] = []
    row = None
    for row in rows:
        if matcher is None or matcher.match(_as_post(row)):
            found.append((_aware(row.created_at), row.id, row.id))
            if len(found) >= wanted:
                return found, _position(row), False
    return found, _position(row), rows_exhausted(rows)


def _position(row: sa.Row[Any] | None) -> Cursor | None:
    return None if row is None else Cursor(_aware(row.created_at), row.id)


def rows_exhausted(rows: Iterable[sa.Row[Any]]) -> bool:
    """Whether reading stopped because no rows were left (a scan may stop at its budget instead)."""
    return not (isinstance(rows, _Scan) and rows.budget_spent)


def _total(conn: sa.Connection, mode: str, found: Sequence[Any], exhausted: bool,
           after: Cursor | None) -> int | None:
    if after is not None:
        return None
    if mode == "all":
        return int(conn.execute(sa.select(sa.func.count()).select_from(posts)).scalar_one())
    return len(found) if exhausted else None


class _Scan:
    """Posts newest first after a cursor (those meeting ``condition``), in growing batches, up to an
    optional budget of rows."""

    def __init__(self, conn: sa.Connection, after: Cursor | None, budget: int | None,
                 condition: sa.ColumnElement[bool] | None = None) -> None:
        self.conn, self.after, self.budget = conn, after, budget
        self.query = sa.select(*_LIGHT) if condition is None else sa.select(*_LIGHT).where(condition)
        self.budget_spent = False

    def __iter__(self) -> Iterator[sa.Row[Any]]:
        read, size, started = 0, FIRST_BATCH, time.monotonic()
        while True:
            if self.budget is not None:
                size = min(size, self.budget - read)
                if size <= 0 or time.monotonic() - started > SCAN_SECONDS:
                    self.budget_spent = True
                    return
            batch = self.conn.execute(_newest_first(self.query, self.after).limit(size)).all()
            yield from batch
            read += len(batch)
            if len(batch) < size:
                return
            self.after = Cursor(_aware(batch[-1].created_at), batch[-1].id)
            size = min(size * 2, LAST_BATCH)


def _rows_of(conn: sa.Connection, ids: Sequence[int], after: Cursor | None) -> list[sa.Row[Any]]:
    """The posts with these ids, newest first after the cursor."""
    rows: list[sa.Row[Any]] = []
    for start in range(0, len(ids), 1000):
        chunk = sa.select(*_LIGHT).where(posts.c.id.in_(ids[start : start + 1000]))
        rows += conn.execute(_newest_first(chunk, after)).all()
    rows.sort(key=lambda r: (_aware(r.created_at), r.id), reverse=True)
    return rows


def _newest_first(query: sa.Select[Any], after: Cursor | None) -> sa.Select[Any]:
    if after is not None:
        at = posts.c.created_at
        query = query.where(
            at <= after.created_at, sa.or_(at < after.created_at, posts.c.id < after.post_id)
        )
    return query.order_by(posts.c.created_at.desc(), posts.c.id.desc())


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _as_post(row: sa.Row[Any]) -> Post:
    """What the matcher sees: the fields queries test (the author is a pseudonym, never a handle)."""
    return Post(
        platform=row.platform,
        platform_id=row.platform_id,
        text=row.text,
        created_at=_aware(row.created_at),
        lang=row.lang,
        mentions=row.mentions or [],
        hashtags=row.hashtags or [],
    )
