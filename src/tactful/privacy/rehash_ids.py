"""Rewriting ids stored before their account part was hashed (``platform_ids.py``).

Databases filled before ids were hashed hold Bluesky DIDs and account URLs in
``posts.platform_id``, ``reply_to_id``, ``thread_id`` and the inbox's thread keys.
``rehash_ids`` rewrites them to the stored form under the current key, in one
transaction, and audits the counts (``ids.rehash``; never an id). A raw row whose
hashed twin is already stored (the same post ingested again after the change) is
erased with everything about it: the twin holds the same post. Needs the
installation secret, so it is a command (``tactful rehash-ids``), not a migration.
"""

from __future__ import annotations

import sqlalchemy as sa

from tactful.privacy import subject_data
from tactful.privacy.audit import AuditLog
from tactful.privacy.platform_ids import optional_stored_id, stored_id
from tactful.privacy.pseudonyms import Keyring
from tactful.store.schema import inbox_conversations, posts

_ID_COLUMNS = ("platform_id", "reply_to_id", "thread_id")


def rehash_ids(engine: sa.Engine, keyring: Keyring, *, actor: str) -> dict[str, int]:
    """Rewrite raw ids to their stored form; return counts (posts, merged, threads)."""
    with engine.begin() as conn:
        counts = {"posts": 0, "merged": 0, "threads": 0}
        for row in conn.execute(_candidates()).all():
            new = {c: optional_stored_id(keyring, row.platform, getattr(row, c)) for c in _ID_COLUMNS}
            platform_id = stored_id(keyring, row.platform, row.platform_id)
            if all(new[c] == getattr(row, c) for c in _ID_COLUMNS):
                continue
            if platform_id != row.platform_id and _exists(conn, row.platform, platform_id):
                subject_data.erase(conn, subject_data.Subject(post_ids=(row.id,)))
                counts["merged"] += 1
                continue
            conn.execute(sa.update(posts).where(posts.c.id == row.id).values(**new))
            counts["posts"] += 1
        counts["threads"] = _rehash_thread_keys(conn, keyring)
        AuditLog(engine).record_in(
            conn, actor, "ids.rehash", target=f"posts:{counts['posts']}", detail=counts
        )
    return counts


def _candidates() -> sa.Select[tuple[int, str, str, str | None, str | None]]:
    """Rows with an id that may name an account: at:// uris and links."""
    named = [
        sa.or_(column.like("at://%"), column.like("http%"))
        for column in (posts.c.platform_id, posts.c.reply_to_id, posts.c.thread_id)
    ]
    columns = (posts.c.id, posts.c.platform, posts.c.platform_id, posts.c.reply_to_id, posts.c.thread_id)
    return sa.select(*columns).where(sa.or_(*named))


def _exists(conn: sa.Connection, platform: str, platform_id: str) -> bool:
    found = sa.select(posts.c.id).where(posts.c.platform == platform, posts.c.platform_id == platform_id)
    return conn.execute(found).first() is not None


def _rehash_thread_keys(conn: sa.Connection, keyring: Keyring) -> int:
    table = inbox_conversations
    changed = 0
    rows = conn.execute(sa.select(table.c.id, table.c.platform, table.c.thread_key)).all()
    taken = {row.thread_key for row in rows}
    for row in rows:
        root = row.thread_key.removeprefix(f"{row.platform}:")
        key = f"{row.platform}:{stored_id(keyring, row.platform, root)}"
        if key != row.thread_key and key not in taken:
            conn.execute(sa.update(table).where(table.c.id == row.id).values(thread_key=key))
            taken.add(key)
            changed += 1
    return changed
