"""Deletion sync: a post deleted on its platform is deleted here, with everything about it.

Live sources run ``delete_posts_in(conn, ...)`` inside each batch's transaction (with the
batch's posts and cursor) for Jetstream ``delete`` events, Mastodon ``delete`` events and
Reddit re-checks; ``delete_posts(engine, keyring, keys)`` is the same in a transaction of
its own. The keys come as the platform names them (a Jetstream delete's
``at://did/.../rkey``): they are hashed here the way the gate stores ids
(``platform_ids.py``, under every key) before the lookup. It runs every registered
``subject_data`` eraser (so inbox items about the post go too) and writes one audit entry
per call with the counts, never the keys' authors. The keys are
tombstoned (``tombstones.py``): re-ingesting an old file does not bring them back.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa

from tactful.privacy import subject_data
from tactful.privacy.audit import AuditLog, Clock
from tactful.privacy.platform_ids import stored_key, stored_keys
from tactful.privacy.pseudonyms import Keyring
from tactful.privacy.tombstones import bury
from tactful.records import utcnow
from tactful.store.locks import lock_post_keys

SYNC_ACTOR = "system:deletion-sync"


def delete_posts(
    engine: sa.Engine,
    keyring: Keyring,
    keys: Sequence[tuple[str, str]],
    *,
    actor: str = SYNC_ACTOR,
    clock: Clock = utcnow,
) -> int:
    """Delete posts by (platform, platform_id); return how many were stored."""
    if not keys:
        return 0
    with engine.begin() as conn:
        return delete_posts_in(
            conn, keyring, keys, actor=actor, audit=AuditLog(engine, clock=clock), now=clock()
        )


def delete_posts_in(
    conn: sa.Connection,
    keyring: Keyring,
    keys: Sequence[tuple[str, str]],
    *,
    actor: str,
    audit: AuditLog,
    now: datetime,
) -> int:
    """The same inside a caller's transaction (a live source's batch). Every key is tombstoned, stored
    or not: a delete that arrives before its post still keeps the post out. The keys are locked first,
    so a batch inserting one of them in another process either commits before (and its post is
    erased here) or checks the tombstone after (``tombstones.not_buried``)."""
    current = [stored_key(keyring, key) for key in keys]
    lock_post_keys(conn, current)
    bury(conn, keyring, current, reason="posts.delete", now=now)
    ids = subject_data.post_ids_for_keys(conn, stored_keys(keyring, keys))
    if not ids:
        return 0
    counts = subject_data.erase(conn, subject_data.Subject(post_ids=tuple(ids)))
    audit.record_in(conn, actor, "posts.delete", target=f"posts:{len(ids)}", detail={"erased": counts})
    return counts.get("posts", 0)
