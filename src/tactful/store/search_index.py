"""The post search index: each post's prepared text under a trigram index (migration 0008_insights_perf).

A row holds what the query prefilter scans (``prepare_text(text)`` plus hashtags and
mentions), so any substring a query's cover names (``query/cover.py``) is found by a
substring lookup: an FTS5 trigram ``MATCH`` on SQLite, ``LIKE`` on the pg_trgm GIN
index on PostgreSQL. ``Store.write_batch`` adds new posts in its transaction;
deleting a post removes its row (trigger or foreign key); changing a post's text,
hashtags or mentions (retention blanks text) drops the row and queues the post in
``post_search_stale``. Searches treat queued posts as candidates, so the index never
hides a match; ``refresh`` indexes queued posts again (a little on every write batch)
and ``rebuild`` re-indexes everything (after a bulk load or the migration).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa
import structlog

from tactful.query.cover import AllOf, AnyOf, Cover
from tactful.query.document import extra_search_fields
from tactful.query.text import prepare_text
from tactful.records import StoredPost
from tactful.store.schema import SEARCH_INDEX_TABLE, post_search_stale, posts

log = structlog.get_logger(__name__)

REFRESH_PER_BATCH = 1000  # queued posts each write batch indexes again
_CHUNK = 5000


def searchable_text(text: str, hashtags: Sequence[str], mentions: Sequence[str]) -> str:
    """What the index holds for a post: exactly what ``Matcher``'s prefilter scans."""
    return prepare_text(text or "") + extra_search_fields(hashtags, mentions)


def add_posts(conn: sa.Connection, new: Sequence[tuple[int, StoredPost]]) -> None:
    """Index just-inserted posts (with their ids)."""
    _insert(conn, [(post_id, searchable_text(p.text, p.hashtags, p.mentions)) for post_id, p in new])


def refresh(conn: sa.Connection, limit: int | None = REFRESH_PER_BATCH) -> int:
    """Index queued posts again (at most ``limit``); return how many."""
    query = sa.select(post_search_stale.c.post_id).order_by(post_search_stale.c.post_id)
    ids = list(conn.execute(query.limit(limit) if limit else query).scalars())
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        _delete(conn, chunk)
        _insert(conn, _texts(conn, posts.c.id.in_(chunk)))
        conn.execute(sa.delete(post_search_stale).where(post_search_stale.c.post_id.in_(chunk)))
    return len(ids)


def rebuild(engine: sa.Engine) -> int:
    """Re-index every post in one transaction; return how many."""
    indexed, last = 0, 0
    with engine.begin() as conn:
        conn.execute(sa.text(f"DELETE FROM {SEARCH_INDEX_TABLE}"))
        conn.execute(sa.delete(post_search_stale))
        while True:
            rows = _texts(conn, posts.c.id > last, limit=_CHUNK)
            if not rows:
                break
            _insert(conn, rows)
            indexed, last = indexed + len(rows), rows[-1][0]
    log.info("store.search_index_rebuilt", posts=indexed)
    return indexed


def stale_ids(conn: sa.Connection, limit: int) -> list[int]:
    """Posts waiting to be indexed again (at most ``limit``): candidates for every search."""
    query = sa.select(post_search_stale.c.post_id).limit(limit)
    return [int(i) for i in conn.execute(query).scalars()]


def matching_ids(conn: sa.Connection, cover: Cover, limit: int) -> list[int]:
    """Ids of indexed posts whose text satisfies ``cover`` (at most ``limit``, any order)."""
    if conn.dialect.name == "sqlite":
        table = SEARCH_INDEX_TABLE
        statement = sa.text(f"SELECT rowid FROM {table} WHERE {table} MATCH :q LIMIT :n")
        return [int(i) for i in conn.execute(statement, {"q": fts_expression(cover), "n": limit}).scalars()]
    condition, params = like_expression(cover)
    statement = sa.text(f"SELECT post_id FROM {SEARCH_INDEX_TABLE} WHERE {condition} LIMIT :n")
    return [int(i) for i in conn.execute(statement, {**params, "n": limit}).scalars()]


def fts_expression(cover: Cover) -> str:
    """``cover`` as an FTS5 query: quoted strings (substrings, for the trigram tokenizer), AND, OR."""
    if isinstance(cover, str):
        return '"' + cover.replace('"', '""') + '"'
    keyword = " AND " if isinstance(cover, AllOf) else " OR "
    return "(" + keyword.join(fts_expression(part) for part in cover.parts) + ")"


def like_expression(cover: Cover) -> tuple[str, dict[str, str]]:
    """``cover`` as LIKE conditions on ``terms`` (PostgreSQL; bound patterns, wildcards escaped)."""
    params: dict[str, str] = {}

    def render(node: Cover) -> str:
        if isinstance(node, str):
            name = f"p{len(params)}"
            escaped = node.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params[name] = f"%{escaped}%"
            return f"terms LIKE :{name}"  # backslash is PostgreSQL's default LIKE escape
        keyword = " AND " if isinstance(node, AllOf) else " OR "
        assert isinstance(node, AllOf | AnyOf)
        return "(" + keyword.join(render(part) for part in node.parts) + ")"

    return render(cover), params


def cover_condition(dialect: str, cover: Cover) -> sa.ColumnElement[bool]:
    """A condition on ``posts`` rows: the post's indexed text satisfies ``cover``, or it waits to be indexed.

    For reading posts in date order: each row's index entry is found by its key and the
    substrings tested where they lie (``instr``/``strpos``), in the database, so only
    candidates reach Python.
    """
    key = "rowid" if dialect == "sqlite" else "post_id"
    index = sa.table(SEARCH_INDEX_TABLE, sa.column(key), sa.column("terms"))
    find = sa.func.instr if dialect == "sqlite" else sa.func.strpos
    indexed = sa.select(sa.literal(1)).select_from(index).where(
        index.c[key] == posts.c.id, _holds(cover, lambda text: find(index.c.terms, text) > 0)
    )
    stale = sa.select(post_search_stale.c.post_id).where(post_search_stale.c.post_id == posts.c.id)
    return sa.or_(indexed.exists(), stale.exists())


def _holds(cover: Cover, contains: Any) -> sa.ColumnElement[bool]:
    if isinstance(cover, str):
        return contains(cover)  # type: ignore[no-any-return]
    parts = [_holds(part, contains) for part in cover.parts]
    return sa.and_(*parts) if isinstance(cover, AllOf) else sa.or_(*parts)


def _texts(conn: sa.Connection, condition: Any, *, limit: int | None = None) -> list[tuple[int, str]]:
    query = (
        sa.select(posts.c.id, posts.c.text, posts.c.hashtags, posts.c.mentions)
        .where(condition)
        .order_by(posts.c.id)
    )
    rows = conn.execute(query.limit(limit) if limit else query)
    return [(int(i), searchable_text(text, tags or [], handles or [])) for i, text, tags, handles in rows]


def _insert(conn: sa.Connection, rows: Iterable[tuple[int, str]]) -> None:
    values = [{"id": post_id, "terms": terms} for post_id, terms in rows]
    if not values:
        return
    key = "rowid" if conn.dialect.name == "sqlite" else "post_id"
    conn.execute(sa.text(f"INSERT INTO {SEARCH_INDEX_TABLE} ({key}, terms) VALUES (:id, :terms)"), values)


def _delete(conn: sa.Connection, ids: Sequence[int]) -> None:
    key = "rowid" if conn.dialect.name == "sqlite" else "post_id"
    statement = sa.text(f"DELETE FROM {SEARCH_INDEX_TABLE} WHERE {key} IN :ids").bindparams(
        sa.bindparam("ids", expanding=True)
    )
    conn.execute(statement, {"ids": list(ids)})
