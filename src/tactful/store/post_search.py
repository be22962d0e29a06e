"""Searching stored posts with the query language: the index narrows, the matcher decides.

Newest first (``created_at``, then row id, both descending), a page at a time with
a keyset cursor, over every stored post. The exact query always runs in Python
(``Matcher``) on the posts it is shown, so results are those of evaluating it on
every post; the database only decides which posts are worth showing it:

1. **scan**: posts are read newest first, a window at a time; when the query has a
   cover (``query/cover.py``) the database keeps only the window's posts whose
   indexed text satisfies it (``search_index.cover_condition``). A common query fills
   its page within the first ``PROBE_ROWS`` posts.
2. **indexed**: if not, and the search index names at most ``INDEXED_LIMIT``
   candidates (with the posts queued for re-indexing), only those are read.
3. Otherwise (no cover: a NOT, field filters, short terms; or too many candidates)
   the scan goes on, at most ``SCAN_BUDGET`` posts or ``SCAN_SECONDS`` a request; a
   page that runs out of budget comes back short, with the cursor where it stopped.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
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

PROBE_ROWS = 20_000  # posts scanned (in the database) before asking the index
INDEXED_LIMIT = 5000  # candidates the index may name for the indexed way
SCAN_BUDGET = 200_000  # posts one request may scan ...
SCAN_SECONDS = 0.25  # ... and for how long
FIRST_WINDOW, LAST_WINDOW = 1000, 16_000
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
    with store.engine.connect() as conn:
        search = _Search(conn, matcher, after, wanted=skip + limit + 1)
        search.run()
        total = _total(conn, search) if after is None else None
    page = search.found[skip : skip + limit]
    more = len(search.found) > skip + limit
    if more:
        next_cursor = page[-1] if page else search.position
    else:
        next_cursor = None if search.exhausted else search.position
    return SearchPage(store.load_posts([c.post_id for c in page]), next_cursor, more, total, search.mode)


def search_cover_of(query: str) -> Cover | None:
    """The cover a search for ``query`` gives the index (None: it scans)."""
    return search_cover(parse_query(query)) if query.strip() else None


@dataclass
class _Search:
    """One request's search: matches found so far and the position everything before is checked to."""

    conn: sa.Connection
    matcher: Matcher | None
    position: Cursor | None  # None: from the newest post
    wanted: int
    found: list[Cursor] = field(default_factory=list)
    exhausted: bool = False  # no post after ``position`` is left to check
    mode: str = "scan"
    scanned: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def done(self) -> bool:
        return self.exhausted or len(self.found) >= self.wanted

    def run(self) -> None:
        if self.matcher is None:
            self.mode = "all"
            self.scan(None, SCAN_BUDGET)
            return
        cover = search_cover(self.matcher.queries[0].tree)
        condition = None if cover is None else search_index.cover_condition(self.conn.dialect.name, cover)
        self.scan(condition, PROBE_ROWS if cover is not None else SCAN_BUDGET)
        if self.done or cover is None:
            return
        candidates = self.indexed_candidates(cover)
        if candidates is not None:
            self.mode = "indexed"
            self.check_in_order(candidates)
        else:
            self.scan(condition, SCAN_BUDGET)

    def scan(self, condition: sa.ColumnElement[bool] | None, budget: int) -> None:
        """Check posts newest first, a window at a time, until done or out of budget."""
        window = FIRST_WINDOW
        while not self.done and self.scanned < budget and not self.out_of_time():
            size = min(window, budget - self.scanned)
            if self.matcher is None:  # every post matches: read no more than the page needs
                size = min(size, self.wanted - len(self.found))
            end = _window_end(self.conn, self.position, size)
            rows = self.conn.execute(_between(self.position, end, condition)).all()
            self.scanned += size
            if not self.check(rows) or self.done:
                return
            if end is None:
                self.exhausted = True
                return
            self.position, window = end, min(window * 2, LAST_WINDOW)

    def check(self, rows: Sequence[sa.Row[Any]], *, timed: bool = True) -> bool:
        """Run the query on rows (newest first) until the page is full; False if time ran out first."""
        for i, row in enumerate(rows):
            if timed and i % 256 == 255 and self.out_of_time():
                self.position = Cursor(_aware(rows[i - 1].created_at), rows[i - 1].id)
                return False
            if self.matcher is None or self.matcher.match(_as_post(row)):
                self.found.append(Cursor(_aware(row.created_at), row.id))
                if len(self.found) >= self.wanted:
                    self.position = self.found[-1]
                    break
        return True

    def out_of_time(self) -> bool:
        return time.monotonic() - self.started > SCAN_SECONDS

    def indexed_candidates(self, cover: Cover) -> list[Cursor] | None:
        """Positions of the posts the index names after ``position``, newest first; None if too many."""
        stale = search_index.stale_ids(self.conn, INDEXED_LIMIT + 1)
        if len(stale) > INDEXED_LIMIT:
            return None
        ids = set(search_index.matching_ids(self.conn, cover, INDEXED_LIMIT + 1)) | set(stale)
        if len(ids) > INDEXED_LIMIT:
            return None
        found: list[Cursor] = []
        ordered = sorted(ids)
        for start in range(0, len(ordered), 1000):
            chunk = ordered[start : start + 1000]
            query: sa.Select[Any] = sa.select(posts.c.created_at, posts.c.id).where(posts.c.id.in_(chunk))
            query = _after(query, self.position)
            found += [Cursor(_aware(at), post_id) for at, post_id in self.conn.execute(query)]
        return sorted(found, key=lambda c: (c.created_at, c.post_id), reverse=True)

    def check_in_order(self, candidates: list[Cursor]) -> None:
        for start in range(0, len(candidates), 200):
            chunk = [c.post_id for c in candidates[start : start + 200]]
            light: sa.Select[Any] = sa.select(*_LIGHT).where(posts.c.id.in_(chunk))
            rows: dict[int, sa.Row[Any]] = {row.id: row for row in self.conn.execute(light)}
            self.check([rows[i] for i in chunk if i in rows], timed=False)  # a few thousand at most
            if self.done:
                return
        self.exhausted = True


def _total(conn: sa.Connection, search: _Search) -> int | None:
    """Every match, when this request saw them all from the newest post on."""
    if search.mode == "all":
        return int(conn.execute(sa.select(sa.func.count()).select_from(posts)).scalar_one())
    return len(search.found) if search.exhausted else None


def _window_end(conn: sa.Connection, position: Cursor | None, size: int) -> Cursor | None:
    """The ``size``-th post after ``position``, newest first; None if fewer are left."""
    query = _after(sa.select(posts.c.created_at, posts.c.id), position).offset(size - 1).limit(1)
    row = conn.execute(query).first()
    return None if row is None else Cursor(_aware(row[0]), row[1])


def _between(position: Cursor | None, end: Cursor | None, condition: Any) -> sa.Select[Any]:
    """Posts after ``position`` down to ``end`` (inclusive; None: to the oldest), newest first."""
    query = _after(sa.select(*_LIGHT), position)
    if end is not None:
        at = posts.c.created_at
        query = query.where(at >= end.created_at, sa.or_(at > end.created_at, posts.c.id >= end.post_id))
    return query if condition is None else query.where(condition)


def _after(query: sa.Select[Any], position: Cursor | None) -> sa.Select[Any]:
    """Rows older than ``position`` (by time, then id), newest first."""
    if position is not None:
        at = posts.c.created_at
        query = query.where(
            at <= position.created_at, sa.or_(at < position.created_at, posts.c.id < position.post_id)
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
