"""Retention: apply ``[retention]`` to the store; ``tactful purge`` and the service's schedule call ``purge``.

What goes, per kind (cut-offs from ``retention.cutoffs``; ``now`` is injectable):

* ``raw_text``: posts ingested before the cut-off keep their row, analysis, matches
  and decision (the aggregates: counts by day, query, sentiment, intent, aspect) but
  lose their text, mentions and links, which are blanked. Blanking, not deleting:
  the row's key keeps a re-ingested old file from storing the text again, and the
  figures dashboards show do not change when text ages out. An erasure or opt-out
  still deletes the whole row.
* ``vault``: sealed contacts older than the cut-off are deleted.
* ``inbox`` (and any other kind): every function in ``purgers`` runs with the
  cut-offs; the inbox registers its own.
* ``audit``: entries older than the cut-off are dropped from the front of the
  chain; the last dropped hash becomes the anchor, so ``audit verify`` still holds.

The purge itself is audited (actor ``system:retention``) with its counts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import sqlalchemy as sa
import structlog

from tactful.config import RetentionConfig
from tactful.privacy.audit import AuditLog, iso
from tactful.privacy.contact_vault import expire_vault
from tactful.privacy.retention import Kind, cutoffs
from tactful.registry import Registry
from tactful.store.schema import posts
from tactful.store.scrub import scrub_erased

log = structlog.get_logger(__name__)

Counts = dict[str, int]
Purger = Callable[[sa.Connection, dict[Kind, datetime]], Counts]
purgers: Registry[Purger] = Registry("retention purger", entry_point_group="tactful.purgers")


def purge(
    engine: sa.Engine, retention: RetentionConfig, *, now: datetime, actor: str = "system:retention"
) -> Counts:
    """Apply every retention limit as of ``now``; return what went, per kind."""
    limits = cutoffs(retention, now)
    with engine.begin() as conn:
        counts: Counts = {
            "raw_text": blank_old_text(conn, limits["raw_text"]),
            "vault": expire_vault(conn, limits["vault"]),
        }
        for name in purgers.names():
            counts.update(purgers.get(name)(conn, limits))
    audit = AuditLog(engine, clock=lambda: now)
    counts["audit"] = audit.purge_before(limits["audit"])
    audit.record(
        actor,
        "retention.purge",
        target="store",
        detail={"counts": counts, "cutoffs": {kind: iso(at) for kind, at in limits.items()}},
    )
    scrub_erased(engine)
    log.info("privacy.purge", **counts)
    return counts


def blank_old_text(conn: sa.Connection, cutoff: datetime) -> int:
    old = sa.and_(posts.c.ingested_at < cutoff, posts.c.text != "")
    return conn.execute(sa.update(posts).where(old).values(text="", mentions=[], links=[])).rowcount or 0
