"""Who a request is about: a platform and handle (or account id) turned into stored pseudonyms.

The handle is used only to compute keyed hashes here; it is never stored, logged
or put in a message. A post's author is stored under the pseudonym of the account
id when the platform gives one, so a handle alone would miss those posts:
``author_aliases`` maps the keyed hash of each author's handle to the pseudonym
their posts carry, and ``subject_pseudonyms`` follows it. Every hash is computed
under every key of the keyring, so requests hold across a secret rotation.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from tactful.errors import UsageError
from tactful.privacy.pseudonyms import Keyring, author_identity
from tactful.store.schema import author_aliases


def identity_hashes(
    keyring: Keyring, platform: str, *, handle: str | None = None, account_id: str | None = None
) -> frozenset[str]:
    """The keyed hashes of a person's handle and account id, under every key."""
    if not (handle or account_id):
        raise UsageError("name the person with --handle or --account-id")
    hashes: set[str] = set()
    if handle:
        hashes |= keyring.all_pseudonyms(platform, author_identity(None, handle))
    if account_id:
        hashes |= keyring.all_pseudonyms(platform, author_identity(account_id, None))
    return frozenset(hashes)


def subject_pseudonyms(conn: sa.Connection, hashes: Iterable[str]) -> frozenset[str]:
    """The hashes plus every pseudonym an alias of them leads to (and back)."""
    known = set(hashes)
    if not known:
        return frozenset()
    linked = sa.select(author_aliases.c.alias, author_aliases.c.author_pseudonym).where(
        sa.or_(author_aliases.c.alias.in_(known), author_aliases.c.author_pseudonym.in_(known))
    )
    for alias, pseudonym in conn.execute(linked):
        known |= {alias, pseudonym}
    return frozenset(known)


def alias_pairs(
    keyring: Keyring, platform: str, handle: str | None, author_id: str | None, pseudonym: str
) -> list[tuple[str, str]]:
    """(handle hash, stored pseudonym) when a post's pseudonym was made from its account id."""
    if not (handle and author_id):
        return []
    return [(keyring.pseudonym(platform, author_identity(None, handle)), pseudonym)]


def record_aliases(conn: sa.Connection, pairs: Iterable[tuple[str, str]]) -> None:
    rows = [{"alias": a, "author_pseudonym": p} for a, p in dict.fromkeys(pairs)]
    if not rows:
        return
    insert = (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(author_aliases)
    conn.execute(insert.on_conflict_do_nothing(), rows)
