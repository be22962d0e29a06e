"""The one storage interface: ``open_store(url)`` gives a ``Store`` on SQLite or PostgreSQL.

Writes go in batches, one transaction each: the new posts with everything that
hangs off them, the batch's quarantined rows and, for live sources, the cursor to
resume from. Posts are keyed by (platform, platform_id); a post already stored is
skipped (INSERT ... ON CONFLICT DO NOTHING), which makes ingest idempotent.
Every statement is an executemany over the whole batch: no per-row round trips.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from types import ModuleType, TracebackType
from typing import Any, Literal

import sqlalchemy as sa
import structlog
from alembic.util.exc import CommandError
from sqlalchemy.dialects import postgresql, sqlite

from tactful.errors import StoreError, UsageError
from tactful.records import Quarantined, QueryMatch, StoredPost, utcnow
from tactful.store import bulk, migrate, rows, search_index
from tactful.store.engine import create_store_engine, safe_url
from tactful.store.locks import lock_post_keys
from tactful.store.schema import (
    analyses,
    contact_vault,
    decisions,
    post_aspects,
    post_matches,
    posts,
    quarantine,
    source_cursors,
)

log = structlog.get_logger(__name__)

StatsKey = Literal["group", "day", "platform", "sentiment", "intent"]
STATS_KEYS: tuple[StatsKey, ...] = ("group", "day", "platform", "sentiment", "intent")
UNANALYSED = "unanalysed"

# Picks, inside a batch's transaction, the posts to insert (``Store.write_batch(admit=...)``).
Admit = Callable[[sa.Connection, list[StoredPost]], list[StoredPost]]

_DIALECT_INSERTS: dict[str, ModuleType] = {"sqlite": sqlite, "postgresql": postgresql}


def open_store(url: str, *, migrate: bool = True) -> Store:
    """Open (and by default migrate to the newest schema) the database at ``url``."""
    engine = create_store_engine(url)
    try:
        _prepare(engine, run_migrations=migrate)
    except sa.exc.OperationalError as exc:
        engine.dispose()
        raise StoreError(f"cannot open the database {safe_url(url)}: {type(exc.orig).__name__}") from None
    except CommandError as exc:  # e.g. two migrations claiming the same parent (two heads)
        engine.dispose()
        raise StoreError(f"cannot migrate the database {safe_url(url)}: {exc}") from None
    except Exception:
        engine.dispose()
        raise
    return Store(engine)


def _prepare(engine: sa.Engine, *, run_migrations: bool) -> None:
    if run_migrations:
        migrate.upgrade(engine)
        return
    current, head = migrate.current_revision(engine), migrate.head_revision()
    if current != head:
        raise StoreError(f"the database schema is at revision {current or 'none'}, this tactful needs "
                         f"{head}: open it with migrations on")


class Store:
    def __init__(self, engine: sa.Engine) -> None:
        self._engine = engine
        self._insert = _DIALECT_INSERTS[engine.dialect.name].insert

    @property
    def dialect(self) -> str:
        return self._engine.dialect.name

    @property
    def engine(self) -> sa.Engine:
        return self._engine

    # --- writing ----------------------------------------------------------------

    def write_batch(self, posts: list[StoredPost], quarantined: list[Quarantined], *,
                    cursor: tuple[str, str] | None = None,
                    remove: Sequence[tuple[str, str]] = (),
                    first: Callable[[sa.Connection], object] | None = None,
                    admit: Admit | None = None) -> int:
        """Store a batch in one transaction; return how many posts were new.

        ``cursor`` is ``(source name, position)``: saved in the same transaction,
        so a batch that fails leaves the source to resume where it was.
        ``remove`` lists (platform, platform_id) keys deleted first, in the same
        transaction: posts deleted upstream, and edited posts that ``posts`` replaces.
        ``first`` runs before anything else in that transaction (the privacy layer's
        deletion of posts deleted upstream: tombstones, inbox, audit), so it commits
        with the batch and its cursor or not at all. ``admit`` then picks the posts
        to insert (the privacy layer drops posts another process erased since the
        pipeline checked). The batch's keys are locked first (``locks.lock_post_keys``),
        so concurrent writers of the same posts take turns.
        """
        from tactful.insights import rollups  # here: insights imports the store's schema

        unique = _first_of_each_key(posts)
        now = utcnow()
        with self._engine.begin() as conn:
            lock_post_keys(conn, [p.key for p in unique] + list(remove))
            if first is not None:
                first(conn)
            if remove:
                _delete_keys(conn, remove)
            if admit is not None:
                unique = admit(conn, unique)  # the ones dropped count as duplicates: already handled
            new_ids = self._insert_posts(conn, unique)
            new = [(new_ids[p.key], p) for p in unique if p.key in new_ids]
            self._insert_children(conn, new)
            rollups.add_posts(conn, new)  # insights' counts, in the same transaction
            search_index.add_posts(conn, new)
            search_index.refresh(conn)  # posts whose text changed since they were indexed, a few at a time
            bulk.insert_rows(conn, quarantine, [rows.quarantine_row(q, now) for q in quarantined])
            if cursor is not None:
                self._save_cursor(conn, *cursor, now=now)
        return len(new_ids)

    def _insert_posts(self, conn: sa.Connection, batch: list[StoredPost]) -> dict[tuple[str, str], int]:
        """Insert the posts not stored yet; return {key: id} of the new ones."""
        inserted = bulk.insert_rows(conn, posts, [rows.post_row(p) for p in batch],
                                    skip_conflicts_on=["platform", "platform_id"],
                                    returning=[posts.c.id, posts.c.platform, posts.c.platform_id])
        return {(row.platform, row.platform_id): row.id for row in inserted}

    def _insert_children(self, conn: sa.Connection, new: list[tuple[int, StoredPost]]) -> None:
        children: dict[sa.Table, list[rows.Row]] = defaultdict(list)
        now = utcnow()
        for post_id, post in new:
            vault = rows.vault_row(post_id, post, now)
            if vault is not None:
                children[contact_vault].append(vault)
            children[post_matches].extend(rows.match_rows(post_id, post.matches))
            if post.analysis is not None:
                children[analyses].append(rows.analysis_row(post_id, post.analysis))
                children[post_aspects].extend(rows.aspect_rows(post_id, post.analysis.aspects))
            if post.decision is not None:
                children[decisions].append(rows.decision_row(post_id, post.decision))
        for table, table_rows in children.items():
            bulk.insert_rows(conn, table, table_rows)

    def _save_cursor(self, conn: sa.Connection, source: str, position: str, *, now: datetime) -> None:
        statement = self._insert(source_cursors).values(source=source, cursor=position, updated_at=now)
        conn.execute(statement.on_conflict_do_update(
            index_elements=["source"],
            set_={"cursor": statement.excluded.cursor, "updated_at": statement.excluded.updated_at},
        ))

    def delete_posts(self, keys: Sequence[tuple[str, str]]) -> int:
        """Delete posts (and what hangs off them) by (platform, platform_id); return how many."""
        with self._engine.begin() as conn:
            return _delete_keys(conn, keys)

    # --- reading ----------------------------------------------------------------

    def get_cursor(self, source: str) -> str | None:
        with self._engine.connect() as conn:
            query = sa.select(source_cursors.c.cursor).where(source_cursors.c.source == source)
            return conn.execute(query).scalar_one_or_none()

    def platform_ids(self, platform: str, *, after: int = 0, limit: int = 100) -> list[tuple[int, str]]:
        """(row id, platform_id) of stored posts of one platform, in row order after ``after``: for
        re-checking them upstream (deletion sync) a page at a time."""
        query = (sa.select(posts.c.id, posts.c.platform_id)
                 .where(posts.c.platform == platform, posts.c.id > after).order_by(posts.c.id).limit(limit))
        with self._engine.connect() as conn:
            return [(int(row_id), str(platform_id)) for row_id, platform_id in conn.execute(query)]

    def count_posts(self) -> int:
        with self._engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(posts)).scalar_one())

    def stats(self, by: StatsKey = "group") -> list[tuple[str, int]]:
        """Post counts by query group, UTC day, platform, sentiment or intent label."""
        if by not in STATS_KEYS:
            raise UsageError(f"cannot count posts by {by!r} (choose from: {', '.join(STATS_KEYS)})")
        query = _STATS_QUERIES[by]()
        with self._engine.connect() as conn:
            return [(str(key), int(count)) for key, count in conn.execute(query)]

    def iter_posts(self, *, since: datetime | None = None, until: datetime | None = None,
                   platform: str | None = None, group: str | None = None,
                   page_size: int = 1000) -> Iterator[StoredPost]:
        """Stored posts in insertion order, a page at a time (constant memory, no long-held cursor)."""
        query = _filtered_posts(since=since, until=until, platform=platform, group=group)
        last_id = 0
        while True:
            with self._engine.connect() as conn:
                next_page = query.where(posts.c.id > last_id).order_by(posts.c.id).limit(page_size)
                page = conn.execute(next_page).all()
                if not page:
                    return
                last_id = page[-1].id
                found = _load_children(conn, [row.id for row in page])
            for row in page:
                yield rows.stored_post(row, found.matches.get(row.id, []), found.analyses.get(row.id),
                                       found.decisions.get(row.id))

    def load_posts(self, ids: Sequence[int]) -> list[StoredPost]:
        """Stored posts by row id, in the order of ``ids`` (ids not stored are left out)."""
        with self._engine.connect() as conn:
            found = {row.id: row for row in conn.execute(sa.select(posts).where(posts.c.id.in_(list(ids))))}
            children = _load_children(conn, list(found))
        return [rows.stored_post(found[i], children.matches.get(i, []), children.analyses.get(i),
                                 children.decisions.get(i)) for i in ids if i in found]

    def sealed_contact(self, platform: str, platform_id: str) -> str | None:
        """The vault token for a stored post's author (open it with privacy.vault.open_contact), if kept."""
        query = (sa.select(contact_vault.c.sealed_contact)
                 .join(posts, posts.c.id == contact_vault.c.post_id)
                 .where(posts.c.platform == platform, posts.c.platform_id == platform_id))
        with self._engine.connect() as conn:
            return conn.execute(query).scalar_one_or_none()

    def quarantine_rows(self, limit: int = 100) -> list[Quarantined]:
        """The most recently quarantined rows, newest first."""
        query = sa.select(quarantine).order_by(quarantine.c.id.desc()).limit(limit)
        with self._engine.connect() as conn:
            return [Quarantined(r.source, r.location, r.reason, r.code) for r in conn.execute(query)]

    def count_quarantined(self) -> int:
        with self._engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(quarantine)).scalar_one())

    # --- lifetime -----------------------------------------------------------------

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def _delete_keys(conn: sa.Connection, keys: Sequence[tuple[str, str]]) -> int:
    """Delete by key, in chunks under every dialect's bound-parameter limit. Everything hanging off a
    post (matches, analysis, vault, inbox) goes with it: every foreign key to posts cascades."""
    deleted = 0
    unique = list(dict.fromkeys(keys))
    for start in range(0, len(unique), 400):
        wanted = sa.tuple_(posts.c.platform, posts.c.platform_id).in_(unique[start:start + 400])
        deleted += conn.execute(sa.delete(posts).where(wanted)).rowcount or 0
    return deleted


def _first_of_each_key(batch: list[StoredPost]) -> list[StoredPost]:
    first: dict[tuple[str, str], StoredPost] = {}
    for post in batch:
        first.setdefault(post.key, post)
    return list(first.values())


# --- queries ----------------------------------------------------------------------

def _count_by(key: sa.ColumnElement[Any], *, order_by_key: bool = False) -> sa.Select[Any]:
    count = sa.func.count().label("n")
    query = sa.select(key.label("key"), count).select_from(posts).group_by(key)
    return query.order_by(key) if order_by_key else query.order_by(count.desc(), key)


def _by_group() -> sa.Select[Any]:
    count = sa.func.count(sa.distinct(post_matches.c.post_id)).label("n")
    return (sa.select(post_matches.c.query_group.label("key"), count)
            .group_by(post_matches.c.query_group).order_by(count.desc(), post_matches.c.query_group))


def _by_label(column: sa.Column[Any]) -> sa.Select[Any]:
    key = sa.func.coalesce(column, UNANALYSED)
    return _count_by(key).select_from(posts.outerjoin(analyses, analyses.c.post_id == posts.c.id))


_STATS_QUERIES = {
    "group": _by_group,
    "day": lambda: _count_by(sa.cast(sa.func.date(posts.c.created_at), sa.String), order_by_key=True),
    "platform": lambda: _count_by(posts.c.platform),
    "sentiment": lambda: _by_label(analyses.c.sentiment),
    "intent": lambda: _by_label(analyses.c.intent),
}


def _filtered_posts(*, since: datetime | None, until: datetime | None, platform: str | None,
                    group: str | None) -> sa.Select[Any]:
    query = sa.select(posts)
    if since is not None:
        query = query.where(posts.c.created_at >= since)
    if until is not None:
        query = query.where(posts.c.created_at < until)
    if platform is not None:
        query = query.where(posts.c.platform == platform)
    if group is not None:
        in_group = sa.select(post_matches.c.post_id).where(post_matches.c.post_id == posts.c.id,
                                                            post_matches.c.query_group == group)
        query = query.where(in_group.exists())
    return query


@dataclass
class _Children:
    """What hangs off one page of posts, by post id."""

    matches: dict[int, list[QueryMatch]]
    analyses: dict[int, dict[str, Any]]  # the analysis JSON
    decisions: dict[int, Any]  # decisions rows


def _load_children(conn: sa.Connection, ids: Sequence[int]) -> _Children:
    matches: dict[int, list[QueryMatch]] = defaultdict(list)
    match_query = sa.select(post_matches).where(post_matches.c.post_id.in_(ids)).order_by(
        post_matches.c.post_id, post_matches.c.query_name)
    for row in conn.execute(match_query):
        matches[row.post_id].append(QueryMatch(row.query_name, row.query_group))
    found_analyses = dict(conn.execute(
        sa.select(analyses.c.post_id, analyses.c.analysis).where(analyses.c.post_id.in_(ids))).all())
    found_decisions = {row.post_id: row for row in conn.execute(
        sa.select(decisions).where(decisions.c.post_id.in_(ids)))}
    return _Children(matches, found_analyses, found_decisions)
