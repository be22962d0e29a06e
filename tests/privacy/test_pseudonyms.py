"""Keyed pseudonyms and the secret rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.privacy.keys import OLD_SECRET, TEST_SECRET

from tactful.errors import ConfigError
from tactful.privacy.pseudonyms import DEV_SECRET_FILE, Keyring, author_identity, key_id, load_keyring


def test_pseudonym_is_stable_and_carries_the_key_id(keyring: Keyring):
    first = keyring.pseudonym("bluesky", "id:did:plc:abc")
    assert first == keyring.pseudonym("bluesky", "id:did:plc:abc")
    assert re.fullmatch(r"k[0-9a-f]{6}\.[0-9a-f]{32}", first)
    assert first.startswith("k" + key_id(TEST_SECRET.encode()))


@pytest.mark.parametrize(
    ("a", "b"),
    [(("bluesky", "id:1"), ("mastodon", "id:1")), (("bluesky", "id:1"), ("bluesky", "id:2"))],
)
def test_pseudonyms_differ_across_platforms_and_authors(keyring: Keyring, a, b):
    assert keyring.pseudonym(*a) != keyring.pseudonym(*b)


def test_pseudonyms_differ_across_installations():
    one, two = Keyring((TEST_SECRET.encode(),)), Keyring((OLD_SECRET.encode(),))
    assert one.pseudonym("x", "id:1") != two.pseudonym("x", "id:1")


def test_rotation_keeps_old_pseudonyms_findable(rotated_keyring: Keyring):
    old = Keyring((OLD_SECRET.encode(),)).pseudonym("x", "handle:jane")
    assert rotated_keyring.pseudonym("x", "handle:jane") != old
    assert old in rotated_keyring.all_pseudonyms("x", "handle:jane")


def test_handle_placeholder_is_short_stable_and_case_blind(keyring: Keyring):
    placeholder = keyring.handle_placeholder("twitter", "@Jane_Doe")
    assert re.fullmatch(r"user-[0-9a-f]{6}", placeholder)
    assert placeholder == keyring.handle_placeholder("twitter", "jane_doe")


@pytest.mark.parametrize(
    ("author_id", "handle", "expected"),
    [("did:plc:1", "jane", "id:did:plc:1"), (None, "@Jane", "handle:jane"), (None, None, "unknown")],
)
def test_author_identity_prefers_the_stable_id(author_id, handle, expected):
    assert author_identity(author_id, handle) == expected


def test_without_a_secret_tactful_refuses_and_says_how_to_fix_it(tmp_path: Path):
    with pytest.raises(ConfigError) as exc:
        load_keyring("TACTFUL_SECRET", environ={}, workdir=tmp_path)
    assert "TACTFUL_SECRET" in exc.value.message and "--dev" in exc.value.message
    assert not (tmp_path / DEV_SECRET_FILE).exists()


@pytest.mark.parametrize("dev_switch", ["flag", "env"])
def test_dev_mode_generates_and_reuses_a_local_secret(tmp_path: Path, dev_switch: str):
    kwargs = {"dev": True, "environ": {}} if dev_switch == "flag" else {"environ": {"TACTFUL_DEV": "1"}}
    first = load_keyring(workdir=tmp_path, **kwargs)
    second = load_keyring(workdir=tmp_path, **kwargs)
    assert first == second
    assert (tmp_path / DEV_SECRET_FILE).stat().st_mode & 0o077 == 0


def test_secret_and_previous_secrets_come_from_the_named_variables(tmp_path: Path):
    env = {"MY_SECRET": TEST_SECRET, "MY_SECRET_PREVIOUS": f"{OLD_SECRET}, {OLD_SECRET[::-1]}"}
    ring = load_keyring("MY_SECRET", environ=env, workdir=tmp_path)
    assert ring.secrets == (TEST_SECRET.encode(), OLD_SECRET.encode(), OLD_SECRET[::-1].encode())


def test_short_secrets_are_refused(tmp_path: Path):
    with pytest.raises(ConfigError, match="too short"):
        load_keyring("S", environ={"S": "hunter2"}, workdir=tmp_path)
