from __future__ import annotations

import shutil
from datetime import UTC, datetime

import pytest

ARCHIVE_ROWS = [
    {
        "platform": "twitter",
        "platform_id": "925155407563390976",
        "text": "@AcmeCares still broken & the app crashes on launch 😤 any news?",
        "created_at": datetime(2017, 10, 31, 23, 36, 20, tzinfo=UTC),
        "author_handle": "rosa_listens",
        "author_id": "812345678901234567",
        "author_name": "Rosa",
        "url": "https://twitter.com/rosa_listens/status/925155407563390976",
        "lang": "en",
        "reply_to_id": "925150000000000000",
        "reply_to_author": "AcmeCares",
        "mentions": ["AcmeCares"],
        "hashtags": [],
        "links": [],
        "engagement": {"likes": 2, "reposts": 0},
    },
    {
        "platform_id": "1062789012345678848",
        "text": "Loving the new #AcmeMusic release 🎶🔥 https://t.co/Ab12Cd34Ef",
        "created_at": datetime(2018, 11, 14, 18, 2, 45, tzinfo=UTC),
        "reply_to_id": None,
        "mentions": [],
        "hashtags": ["AcmeMusic"],
        "links": ["https://acme.example/blog/new-release"],
        "engagement": {"likes": 14, "reposts": 3},
    },
    {
        "platform_id": "1200000000000000001",
        "text": "𝐁𝐨𝐥𝐝 claims, 𝕏 marks <3",
        "lang": "und",
        "source": "file:tweets.js",
    },
]


@pytest.mark.parametrize("index,expected", list(enumerate(ARCHIVE_ROWS)))
def test_archive_tweets_map(fixtures, ingest, pick, index, expected):
    posts, quarantined = ingest(fixtures / "twitter_archive" / "tweets.js")
    assert quarantined == []
    assert len(posts) == len(ARCHIVE_ROWS)
    assert pick(posts[index], expected) == expected


def test_without_account_js_the_author_is_unknown_and_urls_still_work(fixtures, ingest, tmp_path):
    shutil.copy(fixtures / "twitter_archive" / "tweets.js", tmp_path / "tweets.js")
    posts, _ = ingest(tmp_path / "tweets.js")
    assert [p.author_handle for p in posts] == [None, None, None]
    assert posts[0].url == "https://twitter.com/i/web/status/925155407563390976"


def test_nothing_from_account_js_but_name_and_ids_is_kept(fixtures, ingest):
    posts, _ = ingest(fixtures / "twitter_archive" / "tweets.js")
    assert all("example.invalid" not in repr(p) for p in posts)  # the archive owner's email


def test_archive_records_are_numbered_items(fixtures):
    from tactful.sources.files import open_file_source

    source = open_file_source(fixtures / "twitter_archive" / "tweets.js")
    assert [r.location for r in source.read()] == ["item 1", "item 2", "item 3"]


def test_a_truncated_archive_keeps_every_complete_tweet(fixtures, ingest, tmp_path):
    text = (fixtures / "twitter_archive" / "tweets.js").read_text(encoding="utf-8")
    cut = text[: text.index('"full_text" : "𝐁𝐨𝐥𝐝')]  # the file stops inside the third tweet
    (tmp_path / "tweets.js").write_text(cut, encoding="utf-8")
    posts, quarantined = ingest(tmp_path / "tweets.js")
    assert [p.platform_id for p in posts] == ["925155407563390976", "1062789012345678848"]
    assert [(q.location, q.code) for q in quarantined] == [("item 3", "invalid_json")]


def test_bare_tweets_without_the_tweet_wrapper_map_too(ingest, tmp_path):
    path = tmp_path / "tweet.js"
    path.write_text(
        'window.YTD.tweet.part0 = [{"id_str": "5", "full_text": "old style", '
        '"created_at": "Tue Oct 31 23:36:20 +0000 2017"}]',
        encoding="utf-8",
    )
    posts, quarantined = ingest(path)
    assert [(p.platform_id, p.text) for p in posts] == [("5", "old style")]
    assert quarantined == []
