from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tactful.config import parse_config
from tactful.engines.fallbacks import PseudonymOnlyGate, pseudonym_only_gate
from tactful.errors import ConfigError
from tactful.records import Post


def post(author: str = "alice.bsky.social", *, author_id: str | None = None,
         flags: list[str] | None = None) -> Post:
    return Post("bluesky", "1", "hello @bob.bsky.social", datetime(2026, 3, 1, tzinfo=UTC),
                author_handle=author, author_id=author_id, author_flags=flags or [])


@pytest.fixture
def config():
    return parse_config({"brand": {"name": "Acme"}})


def test_the_pseudonym_is_keyed_stable_and_case_blind():
    gate, other = PseudonymOnlyGate(b"k" * 32), PseudonymOnlyGate(b"j" * 32)
    assert gate.pseudonym(post("Alice.bsky.social")) == gate.pseudonym(post("alice.bsky.social"))
    assert gate.pseudonym(post()) != other.pseudonym(post())
    assert gate.pseudonym(post()) != gate.pseudonym(post("carol.bsky.social"))
    assert "alice" not in gate.pseudonym(post())


def test_an_account_id_wins_over_the_handle():
    gate = PseudonymOnlyGate(b"k" * 32)
    assert gate.pseudonym(post("old.handle", author_id="did:plc:1")) == gate.pseudonym(
        post("new.handle", author_id="did:plc:1"))


@pytest.mark.parametrize(("flags", "withheld"), [([], False), (["noindex"], True), (["#nobot"], True),
                                                  (["!no-unauthenticated"], True), (["bot"], False)])
def test_accounts_asking_not_to_be_indexed_are_withheld(flags, withheld):
    stored, kept_out = PseudonymOnlyGate(b"k" * 32)([post(flags=flags)])
    assert (len(kept_out), len(stored)) == ((1, 0) if withheld else (0, 1))


def test_noindex_can_be_switched_off():
    stored, _ = PseudonymOnlyGate(b"k" * 32, honour_noindex=False)([post(flags=["noindex"])])
    assert len(stored) == 1


def test_without_a_secret_the_fallback_gate_refuses(monkeypatch, config):
    monkeypatch.delenv("TACTFUL_SECRET", raising=False)
    monkeypatch.delenv("TACTFUL_DEV", raising=False)
    with pytest.raises(ConfigError, match="TACTFUL_SECRET"):
        pseudonym_only_gate(config)


def test_dev_mode_uses_a_throwaway_secret(monkeypatch, config):
    monkeypatch.delenv("TACTFUL_SECRET", raising=False)
    monkeypatch.setenv("TACTFUL_DEV", "1")
    assert pseudonym_only_gate(config)([post()])[0][0].author_pseudonym
