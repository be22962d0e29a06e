from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

SUPPORT_ROWS = [
    {
        "platform": "twitter",
        "platform_id": "119237",
        "author_handle": "105834",
        "author_id": "105834",
        "created_at": datetime(2017, 10, 11, 6, 55, 44, tzinfo=UTC),
        "reply_to_id": None,
        "extra": {"inbound": True, "response_tweet_ids": ["119236"]},
    },
    {
        "platform_id": "119236",
        "author_handle": "AppleSupport",
        "text": "@105834 Your business means a lot to us. Please DM us your name, email address, and serial "
        "number & we'll take a look. https://t.co/GDrqU22YpT",
        "reply_to_id": "119237",
        "extra": {"inbound": False},
    },
    {
        "platform_id": "119238",
        "text": '@AppleSupport I have the same issue, "fixed" nothing',
        "reply_to_id": "119236",
        "extra": {"inbound": True, "response_tweet_ids": ["119239", "119240"]},
    },
]


@pytest.mark.parametrize("index,expected", list(enumerate(SUPPORT_ROWS)))
def test_support_csv_rows_map(fixtures, ingest, pick, index, expected):
    posts, quarantined = ingest(fixtures / "support.csv")
    assert quarantined == []
    assert len(posts) == 3
    assert pick(posts[index], expected) == expected


def test_support_jsonl_maps_like_the_csv(fixtures, ingest, tmp_path):
    path = tmp_path / "support.jsonl"
    rows = [
        {
            "tweet_id": "849",
            "author_id": "115887",
            "inbound": True,
            "created_at": "Tue Oct 31 23:36:20 +0000 2017",
            "text": "@SpotifyCares doesn’t work",
            "response_tweet_id": "851",
            "in_response_to_tweet_id": "848",
        },
        {
            "tweet_id": "850",
            "author_id": "SpotifyCares",
            "inbound": False,
            "created_at": "Tue Oct 31 23:40:00 +0000 2017",
            "text": "@115887 Sorry to hear that!",
            "response_tweet_id": None,
            "in_response_to_tweet_id": None,
        },
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    posts, quarantined = ingest(path)
    assert quarantined == []
    assert [(p.platform_id, p.author_handle, p.reply_to_id, p.extra["inbound"]) for p in posts] == [
        ("849", "115887", "848", True),
        ("850", "SpotifyCares", None, False),
    ]


@pytest.mark.parametrize("inbound", ["maybe", 3, None])
def test_an_inbound_that_is_not_a_boolean_is_a_wrong_type(ingest, tmp_path, inbound):
    path = tmp_path / "support.jsonl"
    row = {
        "tweet_id": "1",
        "author_id": "2",
        "inbound": inbound,
        "created_at": "2017-10-31T00:00:00Z",
        "text": "hi",
    }
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    posts, quarantined = ingest(path, "support-csv")
    assert posts == []
    assert [(q.location, q.code) for q in quarantined] == [("line 1", "wrong_type")]
