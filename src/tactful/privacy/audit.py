"""The audit log in the database: append-only, hash-chained, one writer at a time.

Every view of raw identity (opening a sealed contact), export, reply, erasure and
config change is recorded with who did it and when:

    AuditLog(store.engine).record("cli:alice", "subject.export", target=pseudonym, detail={"posts": 3})

``record_in(conn, ...)`` appends inside a transaction the caller already holds, so
an erasure and its audit entry commit together or not at all. Appends are
serialised by locking the ``audit_head`` row first (``SELECT ... FOR UPDATE`` on
PostgreSQL; on SQLite a write to it takes the database's write lock at once, as
``BEGIN IMMEDIATE`` would), so two writers never chain onto the same entry.
Targets and details must never hold raw PII: pseudonyms, post keys, counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from tactful.privacy.audit_chain import AuditEntry, ChainCheck, next_entry, verify_chain
from tactful.records import utcnow
from tactful.store.schema import audit_head, audit_log

Clock = Callable[[], datetime]


def iso(moment: datetime) -> str:
    """The one spelling of a time in the log: UTC, microseconds, so strings sort as times do."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True, slots=True)
class Head:
    seq: int
    hash: str
    anchor: str


class AuditLog:
    def __init__(self, engine: sa.Engine, *, clock: Clock = utcnow) -> None:
        self._engine = engine
        self._clock = clock

    def record(
        self, actor: str, action: str, target: str, detail: dict[str, Any] | None = None
    ) -> AuditEntry:
        with self._engine.begin() as conn:
            return self.record_in(conn, actor, action, target, detail)

    def record_in(
        self, conn: sa.Connection, actor: str, action: str, target: str, detail: dict[str, Any] | None = None
    ) -> AuditEntry:
        head = _lock_head(conn)
        # The head names the newest entry's seq and hash: all the chain needs to go on, even
        # when a purge has dropped every kept entry.
        previous = AuditEntry(head.seq, "", "", "", "", {}, "", head.hash) if head.seq else None
        entry = next_entry(
            previous,
            at=iso(self._clock()),
            actor=actor,
            action=action,
            target=target,
            detail=detail,
            anchor=head.anchor,
        )
        conn.execute(sa.insert(audit_log).values(_row(entry)))
        conn.execute(sa.update(audit_head).where(audit_head.c.id == 1).values(seq=entry.seq, hash=entry.hash))
        return entry

    def entries(self, *, after: int = -1, page_size: int = 1000) -> Iterator[AuditEntry]:
        """Every kept entry after seq ``after``, in order, a page at a time."""
        while True:
            with self._engine.connect() as conn:
                page = conn.execute(
                    sa.select(audit_log)
                    .where(audit_log.c.seq > after)
                    .order_by(audit_log.c.seq)
                    .limit(page_size)
                ).all()
            if not page:
                return
            after = page[-1].seq
            yield from (_entry(row) for row in page)

    def head(self) -> Head:
        with self._engine.connect() as conn:
            row = conn.execute(sa.select(audit_head).where(audit_head.c.id == 1)).one()
        return Head(row.seq, row.hash, row.anchor)

    def verify(self) -> ChainCheck:
        head = self.head()
        return verify_chain(self.entries(), anchor=head.anchor, head=head.hash)

    def purge_before(self, cutoff: datetime) -> int:
        """Drop the entries older than ``cutoff`` (a prefix of the chain).

        The last dropped entry's hash becomes the anchor the kept chain is verified from."""
        with self._engine.begin() as conn:
            _lock_head(conn)
            last_old = conn.execute(
                sa.select(audit_log.c.seq, audit_log.c.hash)
                .where(audit_log.c.at < iso(cutoff))
                .order_by(audit_log.c.seq.desc())
                .limit(1)
            ).first()
            if last_old is None:
                return 0
            dropped = conn.execute(sa.delete(audit_log).where(audit_log.c.seq <= last_old.seq)).rowcount or 0
            conn.execute(sa.update(audit_head).where(audit_head.c.id == 1).values(anchor=last_old.hash))
            return dropped


def record(
    engine: sa.Engine, actor: str, action: str, target: str, detail: dict[str, Any] | None = None
) -> AuditEntry:
    """Append one entry: the call other modules (engage, web) make."""
    return AuditLog(engine).record(actor, action, target, detail)


def _lock_head(conn: sa.Connection) -> Head:
    if conn.dialect.name == "sqlite":  # a write takes SQLite's one write lock now, not at the insert
        conn.execute(sa.update(audit_head).where(audit_head.c.id == 1).values(seq=audit_head.c.seq))
    row = conn.execute(sa.select(audit_head).where(audit_head.c.id == 1).with_for_update()).one()
    return Head(row.seq, row.hash, row.anchor)


def _row(entry: AuditEntry) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "at": entry.at,
        "actor": entry.actor,
        "action": entry.action,
        "target": entry.target,
        "detail": entry.detail,
        "prev_hash": entry.prev_hash,
        "hash": entry.hash,
    }


def _entry(row: sa.Row[Any]) -> AuditEntry:
    return AuditEntry(
        row.seq, row.at, row.actor, row.action, row.target, dict(row.detail or {}), row.prev_hash, row.hash
    )
