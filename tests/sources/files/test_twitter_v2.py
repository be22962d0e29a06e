from __future__ import annotations

from datetime import UTC, datetime

import pytest

PAGE_ROWS = [
    {
        "platform": "twitter",
        "platform_id": "1307025659294674945",
        "text": "Here’s what changed in the app today & why https://t.co/oeF3ZHeKQQ",
        "created_at": datetime(2020, 9, 18, 18, 36, 15, tzinfo=UTC),
        "author_handle": "AcmeHQ",
        "author_name": "Acme",
        "author_id": "783214",
        "url": "https://twitter.com/AcmeHQ/status/1307025659294674945",
        "lang": "en",
        "reply_to_id": None,
        "thread_id": "1307025659294674945",
        "links": ["https://acme.example/changelog"],
        "engagement": {"likes": 70, "reposts": 11, "replies": 2, "quotes": 1},
    },
    {
        "platform_id": "1307030000000000000",
        "text": "@AcmeHQ the update broke offline mode for me 😞 #AcmeApp",
        "author_handle": "mara_k",
        "author_name": "Mara 🐙",
        "reply_to_id": "1307025659294674945",
        "reply_to_author": "AcmeHQ",
        "thread_id": "1307025659294674945",
        "mentions": ["AcmeHQ"],
        "hashtags": ["AcmeApp"],
        "engagement": {"likes": 3, "reposts": 0, "replies": 1, "quotes": 0},
    },
    {
        "platform_id": "1307040000000000000",
        "author_handle": "XDevelopers",
        "reply_to_id": None,
    },
]


@pytest.mark.parametrize("name", ["twitter_v2_page.json", "twitter_v2_pages.jsonl"])
@pytest.mark.parametrize("index,expected", list(enumerate(PAGE_ROWS)))
def test_v2_tweets_map_with_authors_from_includes(fixtures, ingest, pick, name, index, expected):
    posts, quarantined = ingest(fixtures / name)
    assert quarantined == []
    assert len(posts) == 3
    assert pick(posts[index], expected) == expected


def test_a_long_post_takes_its_whole_text_from_note_tweet(fixtures, ingest):
    posts, _ = ingest(fixtures / "twitter_v2_page.json")
    assert posts[2].text.endswith("Thread 🧵 #AcmeDown")
    assert len(posts[2].text) > 280


def test_pages_locate_records_by_line_and_item(fixtures):
    from tactful.sources.files import open_file_source

    source = open_file_source(fixtures / "twitter_v2_pages.jsonl")
    assert [r.location for r in source.read()] == ["line 1 item 1", "line 1 item 2", "line 2 item 1"]


def test_an_unknown_author_leaves_the_handle_empty(ingest, tmp_path):
    path = tmp_path / "page.jsonl"
    path.write_text(
        '{"data": [{"id": "1", "text": "hi", "author_id": "9", "created_at": "2021-01-01T00:00:00.000Z",'
        ' "edit_history_tweet_ids": ["1"]}], "meta": {"result_count": 1}}\n',
        encoding="utf-8",
    )
    posts, _ = ingest(path)
    assert (posts[0].author_id, posts[0].author_handle) == ("9", None)
    assert posts[0].url == "https://twitter.com/i/web/status/1"


def test_an_empty_page_yields_nothing(ingest, tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text('{"meta": {"result_count": 0}}\n', encoding="utf-8")
    assert ingest(path, "twitter-api-v2") == ([], [])
