"""The consent-aware gate: fresh opt-out set per batch, opt-out messages, tombstones, aliases."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from tests.privacy.ops_fixtures import *  # noqa: F403

from tactful.config import parse_config
from tactful.privacy.audit import AuditLog
from tactful.privacy.consent_gate import ConsentGate
from tactful.privacy.gate import build_privacy_gate
from tactful.privacy.identity import identity_hashes
from tactful.privacy.optouts import opt_out
from tactful.privacy.tombstones import buried, bury
from tactful.records import Post
from tactful.store.schema import author_aliases

CONFIG = parse_config({"brand": {"name": "Acme", "handles": {"twitter": ["AcmeHelp"]}}})
WHEN = datetime(2026, 3, 1, 12, tzinfo=UTC)


def post(
    platform_id: str,
    text: str = "@AcmeHelp my order is late",
    *,
    handle: str = "jane_doe",
    author_id: str | None = "777",
) -> Post:
    return Post(
        "twitter", platform_id, text, WHEN, author_handle=handle, author_id=author_id, mentions=["acmehelp"]
    )


def consent_gate(store, keyring) -> ConsentGate:
    return ConsentGate(build_privacy_gate(CONFIG, keyring=keyring), store.engine, CONFIG)


def test_an_optout_made_between_batches_holds_for_the_next(store, keyring):
    gate = consent_gate(store, keyring)
    assert len(gate([post("1")])[0]) == 1
    opt_out(store.engine, identity_hashes(keyring, "twitter", handle="jane_doe"), via="api", actor="api:t")
    stored, withheld = gate([post("2"), post("3", handle="someone_else", author_id="888")])
    assert [p.platform_id for p in stored] == ["3"] and [p.platform_id for p in withheld] == ["2"]


def test_an_optout_message_withholds_itself_and_later_posts_once(store, keyring):
    gate = consent_gate(store, keyring)
    stored, withheld = gate([post("1", "@AcmeHelp stop listening to me"), post("2")])
    assert stored == [] and len(withheld) == 2
    gate([post("1", "@AcmeHelp stop listening to me")])  # re-ingested: already honoured
    assert [e.action for e in AuditLog(store.engine).entries()] == ["optout.add"]


def test_a_phrase_not_addressed_to_the_brand_is_not_an_optout(store, keyring):
    stored, _ = consent_gate(store, keyring)(
        [Post("twitter", "1", "acme should stop listening to critics", WHEN, author_handle="jane_doe")]
    )
    assert len(stored) == 1


def test_tombstoned_posts_are_withheld(store, keyring):
    with store.engine.begin() as conn:
        bury(conn, keyring, [("twitter", "1")], reason="posts.delete", now=WHEN)
    stored, withheld = consent_gate(store, keyring)([post("1"), post("2")])
    assert [p.platform_id for p in stored] == ["2"] and [p.platform_id for p in withheld] == ["1"]
    assert buried(store.engine, keyring, [("twitter", "1"), ("twitter", "2"), ("reddit", "1")]) == {
        ("twitter", "1")
    }


def test_authors_stored_by_account_id_get_a_handle_alias(store, keyring):
    consent_gate(store, keyring)([post("1"), post("2", author_id=None, handle="no_id_person")])
    with store.engine.connect() as conn:
        aliases = conn.execute(sa.select(author_aliases)).all()
    assert len(aliases) == 1 and "jane" not in str(aliases)
