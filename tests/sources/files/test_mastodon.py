from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tactful.sources.files.mastodon import author_flags, global_acct

ROSA_STATUS = {
    "platform": "mastodon",
    "platform_id": "113480000000000001",
    "text": "Hey @acme the app logs me out every day & it's driving me nuts 😤\n"
    "Details: https://example.org/bug/1234?ref=masto\n\n#AcmeBug",
    "created_at": datetime(2024, 11, 13, 10, 15, tzinfo=UTC),
    "author_handle": "rosa@mastodon.social",
    "author_name": "Rosa 🌹",
    "author_id": "https://mastodon.social/users/rosa",
    "url": "https://mastodon.social/@rosa/113480000000000001",
    "lang": "en",
    "reply_to_id": None,
    "mentions": ["acme@social.acme.example"],
    "hashtags": ["acmebug"],
    "links": ["https://example.org/bug/1234?ref=masto"],
    "engagement": {"likes": 9, "reposts": 4, "replies": 1},
    "author_flags": [],
    "is_direct_message": False,
}
JO_REPLY = {
    "platform_id": "113480000000000077",
    "text": "@rosa Bei mir auch. Größtes Problem: 𝗦𝘆𝗻𝗰",
    "created_at": datetime(2024, 11, 13, 11, 40, 9, 512000, tzinfo=UTC),
    "author_handle": "jo@chaos.social",
    "lang": "de",
    "reply_to_id": "113480000000000001",
    "reply_to_author": "rosa@mastodon.social",
    "mentions": ["rosa@mastodon.social"],
    "links": [],
    "author_flags": ["noindex", "nobot"],
}


@pytest.mark.parametrize(
    "name,rows",
    [
        # the third status is a boost of the first: it maps as the boosted status
        ("mastodon_statuses.json", [ROSA_STATUS, JO_REPLY, ROSA_STATUS]),
        ("mastodon_search.json", [JO_REPLY]),
    ],
)
def test_mastodon_statuses_map(fixtures, ingest, pick, name, rows):
    posts, quarantined = ingest(fixtures / name)
    assert quarantined == []
    assert [pick(post, expected) for post, expected in zip(posts, rows, strict=True)] == rows


@pytest.mark.parametrize(
    "account,flags",
    [
        ({"noindex": True}, ["noindex"]),
        ({"indexable": False}, ["noindex"]),
        ({"noindex": False, "indexable": True}, []),
        ({"note": "<p>Hi! #NoBot please</p>"}, ["nobot"]),
        ({"note": "<p>#nobots are fine</p>"}, []),
        ({"noindex": True, "note": "#nobot"}, ["noindex", "nobot"]),
        ({}, []),
    ],
)
def test_author_flags(account, flags):
    assert author_flags(account) == flags


@pytest.mark.parametrize(
    "account,handle",
    [
        ({"acct": "rosa", "url": "https://mastodon.social/@rosa"}, "rosa@mastodon.social"),
        ({"acct": "jo@chaos.social", "url": "https://chaos.social/@jo"}, "jo@chaos.social"),
        ({"acct": "lone"}, "lone"),
        ({}, None),
    ],
)
def test_handles_are_made_global(account, handle):
    assert global_acct(account) == handle


def test_a_direct_message_is_marked(ingest, tmp_path):
    path = tmp_path / "dm.jsonl"
    path.write_text(
        '{"id": "1", "content": "<p>psst</p>", "created_at": "2024-01-01T00:00:00Z", "visibility": "direct",'
        ' "account": {"acct": "a@b.example"}, "mentions": [], "tags": []}\n',
        encoding="utf-8",
    )
    posts, _ = ingest(path)
    assert posts[0].is_direct_message is True


def test_html_only_content_with_no_text_is_empty(ingest, tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text(
        '{"id": "1", "content": "<p><br></p>", "created_at": "2024-01-01", "account": {"acct": "a"}}\n',
        encoding="utf-8",
    )
    posts, quarantined = ingest(path, "mastodon-json")
    assert [(q.location, q.code) for q in quarantined] == [("line 1", "empty_text")]
