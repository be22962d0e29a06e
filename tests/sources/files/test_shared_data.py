"""Every row of the public support and airline sets maps, and the counts add up."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from tactful.sources.normalise import normalise_posts

pytestmark = pytest.mark.shared_data


def _rows(path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def test_every_spotify_support_request_maps(shared_data, ingest):
    path = shared_data / "support" / "spotify_requests.jsonl"
    rows = _rows(path)
    posts, quarantined = ingest(path)
    assert quarantined == []
    assert len(posts) == len(rows) > 15_000
    assert {p.platform for p in posts} == {"twitter"}
    assert [p.platform_id for p in posts] == [r["tweet_id"] for r in rows]
    assert [p.reply_to_id for p in posts] == [r["in_response_to_tweet_id"] for r in rows]
    assert [p.author_handle for p in posts] == [r["author_id"] for r in rows]
    assert [p.extra["inbound"] for p in posts] == [r["inbound"] for r in rows]
    assert [p.created_at.year for p in posts] == [int(r["created_at"][-4:]) for r in rows]  # "... +0000 2017"
    assert all(p.created_at.tzinfo is UTC for p in posts)


def test_spotify_requests_normalise_with_the_brand_among_mentions(shared_data, ingest):
    posts, _ = ingest(shared_data / "support" / "spotify_requests.jsonl")
    normalised = normalise_posts(posts)
    with_brand = sum("spotifycares" in p.mentions for p in normalised)
    assert len(normalised) == len(posts)
    assert with_brand / len(normalised) > 0.9  # inbound requests to @SpotifyCares


def test_every_airline_tweet_maps_as_generic_jsonl_on_twitter(shared_data, ingest):
    path = shared_data / "airline" / "dev.jsonl"
    rows = _rows(path)
    posts, quarantined = ingest(path, mapping=["platform=twitter"])
    assert quarantined == []
    assert len(posts) == len(rows) > 10_000
    assert {p.platform for p in posts} == {"twitter"}
    assert [p.platform_id for p in posts] == [r["id"] for r in rows]
    assert [(p.extra["airline"], p.extra["sentiment"]) for p in posts] == [
        (r["airline"], r["sentiment"]) for r in rows
    ]
    assert all(
        datetime(2015, 2, 1, tzinfo=UTC) <= p.created_at < datetime(2015, 3, 1, tzinfo=UTC) for p in posts
    )
