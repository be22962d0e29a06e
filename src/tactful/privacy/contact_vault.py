"""The contact vault's rules, on the store's ``contact_vault`` table.

The store keeps a post's sealed contact only when the decision is ``respond`` or
``route`` (``store/rows.py``). From then on:

* ``open_card_for`` (and ``open_contact_for``, its handle) is the one way to see
  what the vault holds (raw handle, display name, raw post id and CIDs, to send a
  reply or greet by first name), and it writes an ``identity.view`` audit entry
  first, in the same transaction;
* ``close_conversation`` deletes the sealed contacts of a conversation's posts
  when the inbox closes it;
* ``expire_vault`` deletes every sealed contact older than ``retention.vault_days``
  (``purge.py`` calls it).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa

from tactful.errors import NotFound
from tactful.privacy.audit import AuditLog, Clock
from tactful.privacy.pseudonyms import Keyring
from tactful.privacy.subject_data import post_ids_for_keys
from tactful.privacy.vault import ContactCard, open_card
from tactful.records import utcnow
from tactful.store.schema import contact_vault, posts


def open_contact_for(
    engine: sa.Engine, keyring: Keyring, key: tuple[str, str], *, actor: str, why: str, clock: Clock = utcnow
) -> str:
    """The raw handle of a stored post's author, for answering it; audited before it is returned."""
    return open_card_for(engine, keyring, key, actor=actor, why=why, clock=clock).handle


def open_card_for(
    engine: sa.Engine, keyring: Keyring, key: tuple[str, str], *, actor: str, why: str, clock: Clock = utcnow
) -> ContactCard:
    """What the vault holds for a stored post (``key`` as stored); audited before it is returned."""
    with engine.begin() as conn:
        found = conn.execute(
            sa.select(contact_vault.c.sealed_contact, posts.c.author_pseudonym)
            .join(posts, posts.c.id == contact_vault.c.post_id)
            .where(posts.c.platform == key[0], posts.c.platform_id == key[1])
        ).first()
        if found is None:
            raise NotFound("no contact is kept for this post (not answerable, closed or expired)")
        AuditLog(engine, clock=clock).record_in(
            conn,
            actor,
            "identity.view",
            target=f"author:{found.author_pseudonym}",
            detail={"post": f"{key[0]}:{key[1]}", "why": why},
        )
    return open_card(found.sealed_contact, keyring)


def close_conversation(
    engine: sa.Engine, keys: Sequence[tuple[str, str]], *, actor: str, clock: Clock = utcnow
) -> int:
    """Delete the sealed contacts of a closed conversation's posts; return how many were held."""
    with engine.begin() as conn:
        ids = post_ids_for_keys(conn, keys)
        deleted = 0
        for start in range(0, len(ids), 400):
            doomed = contact_vault.c.post_id.in_(ids[start : start + 400])
            deleted += conn.execute(sa.delete(contact_vault).where(doomed)).rowcount or 0
        AuditLog(engine, clock=clock).record_in(
            conn, actor, "vault.close", target=f"posts:{len(ids)}", detail={"deleted": deleted}
        )
    return deleted


def expire_vault(conn: sa.Connection, cutoff: datetime) -> int:
    return conn.execute(sa.delete(contact_vault).where(contact_vault.c.created_at < cutoff)).rowcount or 0
