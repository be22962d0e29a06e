"""Serialising work that reads and then writes, when several processes share one database.

``exclusive(conn, name)`` holds a named lock until the caller's transaction ends:

* PostgreSQL: a transaction-level advisory lock (``pg_advisory_xact_lock``) on a
  64-bit key derived from ``name``; other work, and other names, are not blocked.
* SQLite: the database's one write lock, taken at once (``BEGIN IMMEDIATE``), so
  what the transaction reads next is what it writes over. (The driver otherwise
  starts the transaction only at the first write, after the reads.) Every name
  shares that lock: SQLite has a single writer anyway.

Call it first in a transaction (``with engine.begin() as conn: exclusive(conn, ...)``).

``lock_post_keys(conn, keys)`` serialises the writers of the same posts: a batch
inserting a post and another process erasing it (deleted upstream) queue on it,
so the erasure cannot slip between the inserter's tombstone check and its insert.
On PostgreSQL it takes one advisory lock per bucket of keys (256 buckets, in
sorted order, so two batches never deadlock and no batch holds more than 256
locks); on SQLite, the write lock.
``retry_conflicts`` reruns an idempotent unit of work when PostgreSQL aborts it
for a deadlock or a serialization failure, or when a row it links to was
deleted by a concurrent writer between its read and its write.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import TypeVar

import sqlalchemy as sa
import structlog

log = structlog.get_logger(__name__)

T = TypeVar("T")

# deadlock_detected, serialization_failure, foreign_key_violation, unique_violation
RETRYABLE_SQLSTATES = frozenset({"40P01", "40001", "23503", "23505"})


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for ``name`` (advisory locks take a bigint)."""
    return int.from_bytes(hashlib.sha256(f"tactful:{name}".encode()).digest()[:8], "big", signed=True)


def exclusive(conn: sa.Connection, name: str) -> None:
    """Hold the lock called ``name`` until this transaction ends (see the module docstring)."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(lock_key(name))))
        return
    take_sqlite_write_lock(conn)


def take_sqlite_write_lock(conn: sa.Connection) -> None:
    """``BEGIN IMMEDIATE`` unless a transaction is already open (it then holds the lock, or will)."""
    dbapi = conn.connection.dbapi_connection
    if dbapi is not None and not dbapi.in_transaction:  # type: ignore[attr-defined]
        conn.exec_driver_sql("BEGIN IMMEDIATE")


POST_KEY_BUCKETS = 256


def lock_post_keys(conn: sa.Connection, keys: Iterable[tuple[str, str]]) -> None:
    """Hold the locks of these (platform, platform_id) keys until this transaction ends."""
    if conn.dialect.name != "postgresql":
        take_sqlite_write_lock(conn)
        return
    buckets = sorted({lock_key(f"posts:{_bucket(key)}") for key in keys})
    if buckets:  # one statement; unnest keeps the array's (sorted) order
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(k) FROM unnest(CAST(:keys AS bigint[])) AS k"),
                     {"keys": buckets})  # fmt: skip


def _bucket(key: tuple[str, str]) -> int:
    digest = hashlib.sha256(f"{key[0]}\x00{key[1]}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % POST_KEY_BUCKETS


def retry_conflicts(work: Callable[[], T], *, what: str, attempts: int = 5) -> T:
    """Run ``work``; rerun it (it must be idempotent) when a concurrent writer made it fail."""
    for attempt in range(1, attempts + 1):
        try:
            return work()
        except sa.exc.DBAPIError as exc:
            if attempt == attempts or _sqlstate(exc) not in RETRYABLE_SQLSTATES:
                raise
            log.info("store.conflict_retried", what=what, sqlstate=_sqlstate(exc), attempt=attempt)
    raise AssertionError("unreachable")


def _sqlstate(exc: sa.exc.DBAPIError) -> str | None:
    return getattr(exc.orig, "sqlstate", None)
