"""Data-subject requests: export everything held about a person, or erase it. Both audited.

    report = export_subject(engine, keyring, platform="bluesky", handle="alice.bsky.social", actor="cli:dpo")
    counts = erase_subject(engine, keyring, platform="bluesky", handle="alice.bsky.social", actor="cli:dpo")

The handle only computes keyed hashes (``identity.py``); neither the export's
audit entry nor any log line carries it. An erasure leaves the opt-out registry
alone: someone who opted out stays opted out. Erased posts are tombstoned
(``tombstones.py``), so re-ingesting an old file does not bring them back.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from tactful.privacy import subject_data
from tactful.privacy.audit import AuditLog, Clock, iso
from tactful.privacy.identity import identity_hashes, subject_pseudonyms
from tactful.privacy.optouts import audit_target
from tactful.privacy.pseudonyms import Keyring
from tactful.privacy.tombstones import bury, keys_of
from tactful.records import utcnow
from tactful.store.schema import optouts
from tactful.store.scrub import scrub_erased


def export_subject(
    engine: sa.Engine,
    keyring: Keyring,
    *,
    platform: str,
    handle: str | None = None,
    account_id: str | None = None,
    actor: str,
    clock: Clock = utcnow,
) -> dict[str, Any]:
    hashes = identity_hashes(keyring, platform, handle=handle, account_id=account_id)
    with engine.begin() as conn:
        pseudonyms = subject_pseudonyms(conn, hashes)
        held = subject_data.export(conn, subject_data.Subject(pseudonyms=pseudonyms))
        opted_out = conn.execute(
            sa.select(sa.func.count()).where(optouts.c.hash.in_(sorted(pseudonyms)))
        ).scalar_one()
        summary = {kind: len(items) for kind, items in held.items()}
        AuditLog(engine, clock=clock).record_in(
            conn, actor, "subject.export", target=audit_target(pseudonyms), detail={"items": summary}
        )
    return {
        "exported_at": iso(clock()),
        "platform": platform,
        "opted_out": opted_out > 0,
        "how_identified": "keyed pseudonyms of the handle or account id; the handle itself is not stored",
        "held": held,
    }


def erase_subject(
    engine: sa.Engine,
    keyring: Keyring,
    *,
    platform: str,
    handle: str | None = None,
    account_id: str | None = None,
    actor: str,
    clock: Clock = utcnow,
) -> subject_data.Counts:
    hashes = identity_hashes(keyring, platform, handle=handle, account_id=account_id)
    with engine.begin() as conn:
        pseudonyms = subject_pseudonyms(conn, hashes)
        subject = subject_data.Subject(pseudonyms=pseudonyms)
        bury(
            conn,
            keyring,
            keys_of(conn, subject_data.post_ids_of(conn, subject)),
            reason="subject.erase",
            now=clock(),
        )
        counts = subject_data.erase(conn, subject)
        AuditLog(engine, clock=clock).record_in(
            conn, actor, "subject.erase", target=audit_target(pseudonyms), detail={"erased": counts}
        )
    scrub_erased(engine)
    return counts
