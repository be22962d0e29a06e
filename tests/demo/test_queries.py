"""The demo queries keep the posts written about each airline and drop the off-topic ones."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from tactful.config import load_config
from tactful.demo import DEMO_CONFIG
from tactful.query import compile_queries
from tactful.records import Post

MENTION = re.compile(r"@([\w.-]+(?:@[\w.-]+)?\w)")


@pytest.fixture(scope="module")
def matcher():
    return compile_queries(load_config(DEMO_CONFIG).queries)


def as_post(row: dict) -> Post:
    return Post(
        platform=row["platform"],
        platform_id=row["platform_id"],
        text=row["text"],
        created_at=datetime.fromisoformat(row["day"]).replace(tzinfo=UTC),
        author_handle=row["author"],
        lang=row["lang"],
        mentions=[m.lower() for m in MENTION.findall(row["text"])],
    )


def groups_matched(matcher, row: dict) -> set[str]:
    return {m.group for m in matcher.match(as_post(row))}


def test_off_topic_posts_match_no_query(matcher, answer_key):
    off_topic = [row for row in answer_key if row["kind"] == "offtopic"]
    assert len(off_topic) >= 40
    assert [row["text"] for row in off_topic if groups_matched(matcher, row)] == []


@pytest.mark.parametrize("group", ["brand", "competitor:northwind", "competitor:bluejay"])
def test_posts_written_about_an_airline_match_its_group(matcher, answer_key, group):
    meant = [row for row in answer_key if row["group"] == group]
    assert len(meant) >= 20
    assert [row["text"] for row in meant if group not in groups_matched(matcher, row)] == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("heard a skylark over the fields, lovely bird", set()),
        ("the skylark in flight over the meadow", set()),
        ("Skylark Airways lost my bag", {"brand"}),
        ("our skylark flight was delayed 3 hours", {"brand"}),
        ("Northwind database orders table for the SQL class", set()),
        ("Northwind Air cancelled my flight", {"competitor:northwind"}),
        ("blue jays at the feeder", set()),
        ("Bluejay Airlines lost my car seat", {"competitor:bluejay"}),
    ],
)
def test_the_bird_and_the_database_stay_out(matcher, text, expected):
    row = {
        "platform": "bluesky",
        "platform_id": "x",
        "text": text,
        "day": "2026-03-02",
        "author": "someone",
        "lang": "en",
    }
    assert groups_matched(matcher, row) == expected
