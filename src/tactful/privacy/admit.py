"""The privacy layer's last check inside each batch's write transaction (``Store.write_batch(admit=...)``).

The consent gate withholds erased, deleted and opted-out authors' posts when a batch
is gated; a batch is written a little later (a live source's next poll, an ingest's
batches in flight). An erasure or opt-out committed in between, by another process,
is caught here, under the batch's key locks: its posts are not inserted.
"""

from __future__ import annotations

import sqlalchemy as sa

from tactful.privacy.pseudonyms import Keyring
from tactful.privacy.tombstones import not_buried
from tactful.records import StoredPost
from tactful.store.lookup import present
from tactful.store.schema import optouts
from tactful.store.store import Admit


def last_check(keyring: Keyring) -> Admit:
    def admit(conn: sa.Connection, batch: list[StoredPost]) -> list[StoredPost]:
        return not_opted_out(conn, not_buried(conn, keyring, batch))

    return admit


def not_opted_out(conn: sa.Connection, batch: list[StoredPost]) -> list[StoredPost]:
    """The batch without posts whose stored author is in the opt-out registry."""
    gone = present(conn, optouts.c.hash, (post.author_pseudonym for post in batch))
    return [post for post in batch if post.author_pseudonym not in gone] if gone else batch
