"""Checks the end-to-end privacy tests share: what is stored about whom."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from tests.privacy.keys import TEST_SECRET

from tactful.privacy.identity import identity_hashes, subject_pseudonyms
from tactful.privacy.platform_ids import stored_key
from tactful.privacy.pseudonyms import Keyring
from tactful.store import Store
from tactful.store.schema import author_aliases, contact_vault, posts


def stored_keys(store: Store) -> set[tuple[str, str]]:
    with store.engine.connect() as conn:
        return {
            (r.platform, r.platform_id)
            for r in conn.execute(sa.select(posts.c.platform, posts.c.platform_id))
        }


def keys_by(answer_key: list[dict[str, Any]], platform: str, author: str) -> set[tuple[str, str]]:
    """The person's posts, keyed as the store holds them (account parts of ids keyed-hashed)."""
    keyring = Keyring((TEST_SECRET.encode(),))
    return {
        stored_key(keyring, (row["platform"], row["platform_id"]))
        for row in answer_key
        if row["platform"] == platform and row["author"] == author
    }


def rows_about(store: Store, keyring: Keyring, platform: str, handle: str) -> dict[str, int]:
    """Rows anywhere that point at the person: posts under any of their pseudonyms, vault, aliases."""
    with store.engine.connect() as conn:
        pseudonyms = sorted(subject_pseudonyms(conn, identity_hashes(keyring, platform, handle=handle)))
        ids = sa.select(posts.c.id).where(posts.c.author_pseudonym.in_(pseudonyms))
        count = sa.select(sa.func.count())
        return {
            "posts": conn.execute(
                count.select_from(posts).where(posts.c.author_pseudonym.in_(pseudonyms))
            ).scalar_one(),
            "vault": conn.execute(
                count.select_from(contact_vault).where(contact_vault.c.post_id.in_(ids))
            ).scalar_one(),
            "aliases": conn.execute(
                count.select_from(author_aliases).where(
                    sa.or_(
                        author_aliases.c.alias.in_(pseudonyms),
                        author_aliases.c.author_pseudonym.in_(pseudonyms),
                    )
                )
            ).scalar_one(),
        }


NOTHING = {"posts": 0, "vault": 0, "aliases": 0}
