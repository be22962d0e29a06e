"""Every demo file is recognised by tactful's file readers and every row maps to a Post."""

from __future__ import annotations

from collections import Counter

import pytest

from tactful.demo import demo_files
from tactful.errors import MappingError
from tactful.sources.files import open_file_source

EXPECTED_FORMATS = {
    "bluesky_posts.jsonl": "bluesky-json",
    "listening_export.csv": "csv",
    "mastodon_statuses.json": "mastodon-json",
    "twitter_search_page1.json": "twitter-api-v2",
    "twitter_search_page2.json": "twitter-api-v2",
}


def read_all(path):
    source = open_file_source(path)
    posts, rejected = [], []
    for raw in source.read():
        if raw.error is not None:
            rejected.append(raw.error_code)
            continue
        try:
            posts.append(source.map_item(raw))
        except MappingError as exc:
            rejected.append(exc.reason_code)
    return source.format.name, posts, rejected


@pytest.mark.parametrize("path", demo_files(), ids=lambda p: p.name)
def test_each_demo_file_is_detected_and_maps_without_rejects(path):
    format_name, posts, rejected = read_all(path)
    assert format_name == EXPECTED_FORMATS[path.name]
    assert rejected == []
    assert posts


def test_the_files_map_to_the_posts_of_the_answer_key(answer_key):
    mapped = {(p.platform, p.platform_id): p for path in demo_files() for p in read_all(path)[1]}
    assert set(mapped) == {(row["platform"], row["platform_id"]) for row in answer_key}
    for row in answer_key:
        post = mapped[(row["platform"], row["platform_id"])]
        assert post.author_handle.lower() == row["author"].lower()
        assert post.lang == row["lang"]
        assert post.created_at.date().isoformat() == row["day"]
        assert post.reply_to_id == row["reply_to_id"]


def test_the_privacy_signals_reach_the_posts():
    flags = Counter(flag for path in demo_files() for post in read_all(path)[1] for flag in post.author_flags)
    assert flags["nobot"] == 2
    assert flags["no-unauthenticated"] == 1
    assert flags["noindex"] == 1


def test_mentions_of_the_brand_are_read_from_each_platform(answer_key):
    mentioned = Counter(
        (post.platform, handle.lower())
        for path in demo_files()
        for post in read_all(path)[1]
        for handle in post.mentions
    )
    assert mentioned[("bluesky", "skylarkair.bsky.social")] > 20
    assert mentioned[("mastodon", "skylark@social.example")] > 10
    assert mentioned[("twitter", "skylarkhelp")] > 20
