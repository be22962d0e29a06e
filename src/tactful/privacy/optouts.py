"""The opt-out registry: who asked not to be listened to, kept as keyed hashes only.

``opt_out`` does the whole job in one transaction: erase everything held about
the person (every kind in ``subject_data``), register their keyed hashes (handle,
account id and stored pseudonyms, under every key) and write the audit event.
The ingest path reads ``load_opted_out`` at the start of every batch and the
privacy gate withholds those authors before anything is stored, so re-ingesting
an old file brings nothing back.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Literal

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from tactful.privacy import subject_data
from tactful.privacy.audit import AuditLog, Clock
from tactful.privacy.identity import subject_pseudonyms
from tactful.records import utcnow
from tactful.store.schema import optouts
from tactful.store.scrub import scrub_erased

Via = Literal["cli", "api", "message"]


def load_opted_out(engine: sa.Engine) -> frozenset[str]:
    with engine.connect() as conn:
        return frozenset(conn.execute(sa.select(optouts.c.hash)).scalars())


def opt_out(
    engine: sa.Engine, hashes: Iterable[str], *, via: Via, actor: str, clock: Clock = utcnow
) -> subject_data.Counts:
    """Erase, register and audit; returns what was erased, per table."""
    with engine.begin() as conn:
        pseudonyms = subject_pseudonyms(conn, hashes)
        counts = subject_data.erase(conn, subject_data.Subject(pseudonyms=pseudonyms))
        register(conn, pseudonyms, via=via, now=clock())
        AuditLog(engine, clock=clock).record_in(
            conn, actor, "optout.add", target=audit_target(pseudonyms), detail={"via": via, "erased": counts}
        )
    scrub_erased(engine)
    return counts


def register(conn: sa.Connection, hashes: Iterable[str], *, via: Via, now: datetime) -> None:
    rows = [{"hash": h, "created_at": now, "via": via} for h in sorted(set(hashes))]
    if rows:
        insert = (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(optouts)
        conn.execute(insert.on_conflict_do_nothing(), rows)


def is_registered(engine: sa.Engine, hashes: Iterable[str]) -> bool:
    wanted = sorted(set(hashes))
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).where(optouts.c.hash.in_(wanted))).scalar_one() > 0


def audit_target(pseudonyms: Iterable[str]) -> str:
    """One stable, pseudonymous name for a person in the audit log (never the handle)."""
    return "author:" + min(pseudonyms, default="unknown")
