from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tactful.sources.files.bluesky import read_facets

ROSA = "at://did:plc:u5cwb2mwiv2bfq53cjufe6yn/app.bsky.feed.post/3kgqrsa2oys2k"

SEARCH_ROWS = [
    {
        "platform": "bluesky",
        "platform_id": ROSA,
        "text": "🎧 Playlist gone again?! @acmemusic.bsky.social fix it pls 🙏 acme.com/status… #AcmeDown",
        "created_at": datetime(2024, 11, 13, 8, 15, 29, 504000, tzinfo=UTC),
        "author_handle": "rosa.bsky.social",
        "author_name": "Rosa 🌹",
        "author_id": "did:plc:u5cwb2mwiv2bfq53cjufe6yn",
        "url": "https://bsky.app/profile/rosa.bsky.social/post/3kgqrsa2oys2k",
        "lang": "en",
        "reply_to_id": None,
        "mentions": ["acmemusic.bsky.social"],
        "hashtags": ["acmedown"],
        "links": ["https://acme.com/status/outage-2024-11-13"],
        "engagement": {"likes": 17, "reposts": 5, "replies": 2, "quotes": 1},
        "author_flags": [],
    },
    {
        "text": "Ça marche 👍 merci @support.acme.com",
        "created_at": datetime(2024, 11, 13, 8, 2, 11, tzinfo=UTC),  # written as 09:02:11+01:00
        "author_handle": "jules.example.fr",
        "lang": "fr",
        "reply_to_id": ROSA,
        "thread_id": ROSA,
        "mentions": ["support.acme.com"],
        "author_flags": ["no-unauthenticated"],
    },
]

RECORD_ROWS = [
    {
        "text": "𝓕𝓪𝓷𝓬𝔂 letters and @acmemusic.bsky.social 𝕏",
        "author_id": "did:plc:ewvi7nxzyoun6zhxrhs64oiz",
        "author_handle": None,
        "url": "https://bsky.app/profile/did:plc:ewvi7nxzyoun6zhxrhs64oiz/post/3l3qo2vutsw2b",
        "mentions": ["acmemusic.bsky.social"],
        "hashtags": ["fonts"],
        "extra": {"mention_dids": ["did:plc:acmemusic0000000000000000"]},
    },
    {"author_handle": "mo.bsky.social", "mentions": [], "lang": None, "engagement": {}},
]


@pytest.mark.parametrize(
    "name,rows",
    [("bluesky_search.json", SEARCH_ROWS), ("bluesky_records.jsonl", RECORD_ROWS)],
)
def test_bluesky_posts_map(fixtures, ingest, pick, name, rows):
    posts, quarantined = ingest(fixtures / name)
    assert quarantined == []
    assert [pick(post, expected) for post, expected in zip(posts, rows, strict=True)] == rows


def _facet(start: int, end: int, feature: dict) -> dict:
    return {"index": {"byteStart": start, "byteEnd": end}, "features": [feature]}


MENTION = {"$type": "app.bsky.richtext.facet#mention", "did": "did:plc:x"}


@pytest.mark.parametrize(
    "text,facets,mentions",
    [
        # "é" is 2 bytes and "🦋" 4: a character offset would cut the handle
        ("é🦋 @bob.test", [_facet(7, 16, MENTION)], ["bob.test"]),
        ("@a.test and @b.test", [_facet(0, 7, MENTION), _facet(12, 19, MENTION)], ["a.test", "b.test"]),
        ("@dup.test @dup.test", [_facet(0, 9, MENTION), _facet(10, 19, MENTION)], ["dup.test"]),
        ("short", [_facet(3, 99, MENTION)], []),  # out of range: ignored, not fatal
        ("x", ["not a facet", {"index": "bad"}], []),
    ],
)
def test_facets_are_read_by_utf8_byte_offsets(text, facets, mentions):
    assert read_facets(text, facets)["mentions"] == mentions


def test_a_thread_page_yields_parents_the_post_and_replies(fixtures, ingest, tmp_path):
    import json

    page = json.loads((fixtures / "bluesky_search.json").read_text(encoding="utf-8"))
    root, reply = page["posts"]
    thread = {
        "thread": {
            "$type": "app.bsky.feed.defs#threadViewPost",
            "post": root,
            "replies": [{"$type": "app.bsky.feed.defs#threadViewPost", "post": reply, "replies": []}],
        }
    }
    path = tmp_path / "thread.json"
    path.write_text(json.dumps(thread), encoding="utf-8")
    posts, _ = ingest(path, "bluesky-json")
    assert [p.platform_id for p in posts] == [root["uri"], reply["uri"]]
