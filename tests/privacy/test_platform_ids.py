"""Post ids as stored: the account part (DID, handle in a URL) keyed-hashed, the rest kept."""

from __future__ import annotations

import pytest

from tactful.privacy.platform_ids import (
    account_parts,
    stored_id,
    stored_ids,
    stored_key,
    stored_keys,
    strip_account,
)
from tactful.privacy.pseudonyms import Keyring, author_identity

DID = "did:plc:doljxslnjqgy5itfu225qfph"


@pytest.mark.parametrize(
    ("raw", "account", "identity"),
    [
        (f"at://{DID}/app.bsky.feed.post/3mg2syizo2226", DID, f"id:{DID}"),
        (
            "https://mastodon.example/@anayilmaz/116158322277744641",
            "anayilmaz",
            "handle:anayilmaz@mastodon.example",
        ),
        (
            "https://mastodon.example/users/AnaYilmaz/statuses/116158322277744641",
            "AnaYilmaz",
            "handle:anayilmaz@mastodon.example",
        ),
        (
            "https://mastodon.social/@lena@social.example/1",
            "lena@social.example",
            "handle:lena@social.example",
        ),
        ("https://www.reddit.com/user/jane_r/comments/abc/title/", "jane_r", "handle:jane_r"),
        ("https://old.reddit.com/u/jane_r/", "jane_r", "handle:jane_r"),
        ("https://www.reddit.com/r/u_jane_r/comments/abc/title/", "jane_r", "handle:jane_r"),
        ("https://bsky.app/profile/jane.bsky.social/post/3k2", "jane.bsky.social", "handle:jane.bsky.social"),
        (f"https://bsky.app/profile/{DID}/post/3k2", DID, f"id:{DID}"),
        ("https://x.com/jane_doe/status/123", "jane_doe", "handle:jane_doe"),
    ],
)
def test_the_account_part_becomes_its_keyed_pseudonym(
    keyring: Keyring, raw: str, account: str, identity: str
):
    stored = stored_id(keyring, "bluesky", raw)
    assert account not in stored and account.lower() not in stored
    assert stored == raw.replace(account, keyring.pseudonym("bluesky", identity))
    assert stored_id(keyring, "bluesky", stored) == stored  # hashing is idempotent: stored ids stay put


def test_a_bluesky_post_id_carries_exactly_its_authors_pseudonym(keyring: Keyring):
    stored = stored_id(keyring, "bluesky", f"at://{DID}/app.bsky.feed.post/3k2")
    assert stored == f"at://{keyring.pseudonym('bluesky', author_identity(DID, None))}/app.bsky.feed.post/3k2"


@pytest.mark.parametrize(
    "raw",
    [
        "116158322277744641",  # a Mastodon status id
        "t3_1abcde",  # a Reddit fullname
        "2028272927899729920",  # a tweet id
        "https://www.reddit.com/r/python/comments/abc/title/",  # no user in it
        "https://example.com/blog/2026/03/post",
        "https://twitter.com/i/web/status/123",  # X's account-free status link
        "tag:example.com,2026:entry-1",
    ],
)
def test_ids_without_an_account_part_are_unchanged(keyring: Keyring, raw: str):
    assert stored_id(keyring, "reddit", raw) == raw
    assert account_parts(raw) == []


def test_a_reply_and_its_parent_meet_on_the_same_stored_id(keyring: Keyring):
    parent = f"at://{DID}/app.bsky.feed.post/3kparent"
    # the parent's own id, and the same id quoted in a reply by someone else, hash alike
    assert stored_id(keyring, "bluesky", parent) == stored_key(keyring, ("bluesky", parent))[1]


def test_lookups_cover_every_key_and_the_raw_legacy_form(keyring: Keyring, rotated_keyring: Keyring):
    raw = f"at://{DID}/app.bsky.feed.post/3k2"
    forms = stored_keys(rotated_keyring, [("bluesky", raw)])
    assert ("bluesky", raw) in forms  # rows stored before ids were hashed
    assert {f[1] for f in forms} >= stored_ids(rotated_keyring, "bluesky", raw)
    assert len(stored_ids(rotated_keyring, "bluesky", raw)) == 2


def test_links_get_the_short_handle_placeholder(keyring: Keyring):
    link = strip_account(keyring, "mastodon", "https://mastodon.example/@anayilmaz/116158322277744641")
    assert (
        link
        == f"https://mastodon.example/@{keyring.handle_placeholder('mastodon', 'anayilmaz')}/116158322277744641"
    )
