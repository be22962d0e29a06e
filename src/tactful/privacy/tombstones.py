"""Tombstones: posts erased on request or deleted upstream stay gone when an old file is re-ingested.

Kept as keyed hashes of (platform, platform_id) under the installation secret, so
the table cannot be used to find the posts again; checked under every key of the
keyring, so they hold across a rotation. The consent gate withholds a tombstoned
post before storage. Only the post is blocked: an erased person's new posts are
still collected (that is what an opt-out is for).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from tactful.privacy.pseudonyms import Keyring
from tactful.records import StoredPost
from tactful.store.lookup import present
from tactful.store.schema import erased_posts, posts

_POST_DOMAIN = "post:"  # author identities are "id:..." or "handle:...": never equal to these


def key_hashes(keyring: Keyring, key: tuple[str, str]) -> frozenset[str]:
    return keyring.all_pseudonyms(key[0], _POST_DOMAIN + key[1])


def bury(
    conn: sa.Connection, keyring: Keyring, keys: Iterable[tuple[str, str]], *, reason: str, now: datetime
) -> int:
    rows = [
        {
            "key_hash": keyring.pseudonym(platform, _POST_DOMAIN + platform_id),
            "erased_at": now,
            "reason": reason,
        }
        for platform, platform_id in dict.fromkeys(keys)
    ]
    if rows:
        insert = (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(erased_posts)
        conn.execute(insert.on_conflict_do_nothing(), rows)
    return len(rows)


def keys_of(conn: sa.Connection, post_ids: Sequence[int]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for start in range(0, len(post_ids), 400):
        chunk = post_ids[start : start + 400]
        found += [
            (r.platform, r.platform_id)
            for r in conn.execute(
                sa.select(posts.c.platform, posts.c.platform_id).where(posts.c.id.in_(chunk))
            )
        ]
    return found


def buried(engine: sa.Engine, keyring: Keyring, keys: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """The keys among ``keys`` that were erased or deleted."""
    with engine.connect() as conn:
        return buried_in(conn, keyring, keys)


def not_buried(conn: sa.Connection, keyring: Keyring, batch: list[StoredPost]) -> list[StoredPost]:
    """The posts of ``batch`` not erased or deleted, checked inside the caller's transaction: a live
    batch's last check, under its keys' locks, for an erasure committed after the consent gate ran."""
    erased = buried_in(conn, keyring, [post.key for post in batch])
    return [post for post in batch if post.key not in erased]


def buried_in(conn: sa.Connection, keyring: Keyring, keys: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    by_hash = {h: key for key in keys for h in key_hashes(keyring, key)}
    return {by_hash[h] for h in present(conn, erased_posts.c.key_hash, by_hash)}
