"""Opt-out end to end: ingest, opt out (CLI or a message to the brand), re-ingest, nothing remains."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from tests.privacy.ops_checks import NOTHING, keys_by, rows_about, stored_keys
from tests.privacy.ops_fixtures import *  # noqa: F403
from tests.privacy.ops_fixtures import ingest

from tactful.privacy.audit import AuditLog
from tactful.privacy.identity import identity_hashes
from tactful.privacy.optouts import is_registered, load_opted_out, opt_out
from tactful.store.schema import optouts

PEOPLE = [
    ("twitter", "luciaflies"),
    ("mastodon", "ravitravels@fedi.example"),
    ("bluesky", "wrensil44.bsky.social"),
]
MESSAGE_OPTOUTS = [
    ("twitter", "hanatravels"),
    ("mastodon", "will_on_tour@fedi.example"),
    ("bluesky", "oskarta43.bsky.social"),
]


@pytest.mark.parametrize(("platform", "handle"), PEOPLE)
def test_optout_erases_everything_and_holds_under_reingestion(
    store, keyring, demo_config, answer_key, platform, handle
):
    theirs = keys_by(answer_key, platform, handle)
    ingest(store, demo_config)
    held = theirs & stored_keys(store)
    assert held, "the person's posts are stored before the opt-out"
    assert rows_about(store, keyring, platform, handle)["posts"] > 0

    erased = opt_out(
        store.engine, identity_hashes(keyring, platform, handle=handle), via="cli", actor="cli:dpo"
    )

    assert erased["posts"] == len(held)
    assert rows_about(store, keyring, platform, handle) == NOTHING
    assert not theirs & stored_keys(store)
    again = ingest(store, demo_config)
    assert again.stored == 0
    assert not theirs & stored_keys(store)
    assert rows_about(store, keyring, platform, handle) == NOTHING


def test_optout_before_ingest_withholds_every_post(store, keyring, demo_config, answer_key):
    platform, handle = PEOPLE[0]
    opt_out(store.engine, identity_hashes(keyring, platform, handle=handle), via="api", actor="api:token-1")
    report = ingest(store, demo_config)
    assert not keys_by(answer_key, platform, handle) & stored_keys(store)
    assert report.withheld >= len(keys_by(answer_key, platform, handle))
    assert rows_about(store, keyring, platform, handle) == NOTHING


def test_a_message_to_the_brand_opts_its_author_out(store, keyring, demo_config, answer_key):
    ingest(store, demo_config)
    for platform, handle in MESSAGE_OPTOUTS:
        assert not keys_by(answer_key, platform, handle) & stored_keys(store), handle
        assert rows_about(store, keyring, platform, handle) == NOTHING
        assert is_registered(store.engine, identity_hashes(keyring, platform, handle=handle))
    ingest(store, demo_config)
    for platform, handle in MESSAGE_OPTOUTS:
        assert not keys_by(answer_key, platform, handle) & stored_keys(store), handle
    via_message = [e for e in AuditLog(store.engine).entries() if e.action == "optout.add"]
    assert {e.detail["via"] for e in via_message} == {"message"}
    assert len({e.target for e in via_message}) == len(MESSAGE_OPTOUTS)


def test_the_registry_holds_keyed_hashes_only(store, keyring, demo_config):
    platform, handle = PEOPLE[1]
    opt_out(store.engine, identity_hashes(keyring, platform, handle=handle), via="cli", actor="cli:dpo")
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(optouts)).all()
    assert rows and all(handle.split("@")[0] not in row.hash for row in rows)
    assert {row.via for row in rows} == {"cli"}
    assert load_opted_out(store.engine) == {row.hash for row in rows}
    entry = next(AuditLog(store.engine).entries())
    assert entry.action == "optout.add" and handle.split("@")[0] not in str(entry)


def test_optout_audit_entry_carries_the_counts(store, keyring, demo_config):
    ingest(store, demo_config)
    platform, handle = PEOPLE[0]
    erased = opt_out(
        store.engine, identity_hashes(keyring, platform, handle=handle), via="cli", actor="cli:dpo"
    )
    last = list(AuditLog(store.engine).entries())[-1]
    assert last.actor == "cli:dpo" and last.detail == {"via": "cli", "erased": erased}
    assert AuditLog(store.engine).verify().ok
