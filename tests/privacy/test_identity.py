"""Naming a person: keyed hashes of handle and account id, aliases, and key rotation."""

from __future__ import annotations

import pytest
from tests.privacy.keys import OLD_SECRET, TEST_SECRET
from tests.privacy.ops_fixtures import *  # noqa: F403
from tests.privacy.ops_fixtures import ingest

from tactful.errors import UsageError
from tactful.privacy.identity import alias_pairs, identity_hashes, record_aliases, subject_pseudonyms
from tactful.privacy.pseudonyms import Keyring, author_identity
from tactful.privacy.subject import export_subject


def test_hashes_cover_handle_and_account_id_under_every_key(rotated_keyring):
    by_handle = identity_hashes(rotated_keyring, "bluesky", handle="@Alice.bsky.social")
    by_id = identity_hashes(rotated_keyring, "bluesky", account_id="did:plc:abc")
    assert len(by_handle) == len(by_id) == 2
    assert by_handle == identity_hashes(rotated_keyring, "bluesky", handle="alice.bsky.social")
    both = identity_hashes(rotated_keyring, "bluesky", handle="alice.bsky.social", account_id="did:plc:abc")
    assert both == by_handle | by_id
    assert not any("alice" in h for h in both)


def test_a_person_must_be_named(keyring):
    with pytest.raises(UsageError):
        identity_hashes(keyring, "bluesky")


@pytest.mark.parametrize(
    ("handle", "author_id", "expected"),
    [("alice", "42", 1), ("alice", None, 0), (None, "42", 0), (None, None, 0)],
)
def test_alias_pairs_only_when_the_pseudonym_came_from_an_id(keyring, handle, author_id, expected):
    assert len(alias_pairs(keyring, "twitter", handle, author_id, "k1.x")) == expected


def test_aliases_lead_from_a_handle_to_the_stored_pseudonym_and_back(store, keyring):
    stored = keyring.pseudonym("twitter", author_identity("42", "alice"))
    record_aliases_pairs = alias_pairs(keyring, "twitter", "alice", "42", stored)
    with store.engine.begin() as conn:
        record_aliases(conn, record_aliases_pairs)
        record_aliases(conn, record_aliases_pairs)  # idempotent
        found = subject_pseudonyms(conn, identity_hashes(keyring, "twitter", handle="Alice"))
    assert stored in found


def test_requests_hold_across_a_key_rotation(store, monkeypatch, demo_config, answer_key):
    monkeypatch.setenv("TACTFUL_SECRET", OLD_SECRET)
    ingest(store, demo_config)
    rotated = Keyring((TEST_SECRET.encode(), OLD_SECRET.encode()))
    report = export_subject(store.engine, rotated, platform="twitter", handle="luciaflies", actor="cli:dpo")
    expected = {row["platform_id"] for row in answer_key if row["author"] == "luciaflies"}
    assert {p["platform_id"] for p in report["held"]["posts"]} == expected
    assert expected
