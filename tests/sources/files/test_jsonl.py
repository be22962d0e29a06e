from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

GENERIC_ROWS = [
    {
        "platform": "generic",
        "platform_id": "g-1",
        "text": "Acme support was quick today 👏 @AcmeCares",
        "created_at": datetime(2024, 3, 1, 10, 0, tzinfo=UTC),
        "author_handle": "kim_77",
        "url": "https://forum.example/t/1",
        "lang": "en",
        "engagement": {"likes": 4},
        "extra": {"topic": "support"},
        "source": "file:generic.jsonl",
    },
    {
        "platform": "forum",
        "platform_id": "42",  # a number in the file
        "text": "Wieder kein Netz in Köln 😡 #AcmeDown",
        "created_at": datetime(2024, 3, 1, 11, 0, tzinfo=UTC),  # an epoch timestamp
        "author_handle": "netzlos",  # from a nested user object
        "author_name": "N. Etzlos",
        "author_id": "990",
        "lang": "de",
        "reply_to_id": "g-1",
        "engagement": {"reposts": 2},
        "extra": {},
    },
    {
        "platform_id": "g-3",
        "text": "𝒜𝒸𝓂ℯ in fancy letters 🏳️‍🌈",
        "created_at": datetime(2024, 3, 1, 10, 30, tzinfo=UTC),  # written +02:00
        "author_handle": "fancy",
        "extra": {"mood": None},
    },
]


def test_generic_posts_map_through_the_aliases(fixtures, ingest, pick):
    posts, quarantined = ingest(fixtures / "generic.jsonl")
    assert quarantined == []
    assert [pick(post, expected) for post, expected in zip(posts, GENERIC_ROWS, strict=True)] == GENERIC_ROWS


@pytest.mark.parametrize(
    "mapping,record,field,value",
    [
        (
            {"text": "body"},
            {"id": "1", "body": "from body", "text": "not this", "date": "2024-01-01"},
            "text",
            "from body",
        ),
        ({"id": "ref"}, {"ref": "r-9", "text": "t", "date": "2024-01-01"}, "platform_id", "r-9"),
        ({"platform": "twitter"}, {"id": "1", "text": "t", "date": "2024-01-01"}, "platform", "twitter"),
        (
            {"platform": "net"},
            {"id": "1", "text": "t", "date": "2024-01-01", "net": "reddit"},
            "platform",
            "reddit",
        ),
    ],
)
def test_an_explicit_mapping_wins_over_the_aliases(ingest, tmp_path, mapping, record, field, value):
    path = tmp_path / "posts.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    posts, quarantined = ingest(path, "jsonl", mapping)
    assert quarantined == []
    assert getattr(posts[0], field) == value


def test_an_unknown_mapping_field_is_a_usage_error(fixtures):
    from tactful.errors import UsageError
    from tactful.sources.files import open_file_source

    with pytest.raises(UsageError, match="unknown field"):
        open_file_source(fixtures / "generic.jsonl", "jsonl", {"txet": "body"})


def test_a_json_array_of_generic_posts_reads_as_items(ingest, tmp_path):
    path = tmp_path / "posts.json"
    path.write_text(
        json.dumps([{"id": i, "text": f"post {i}", "date": "2024-01-01"} for i in (1, 2)], indent=2)
    )
    posts, _ = ingest(path)
    assert [p.platform_id for p in posts] == ["1", "2"]


@pytest.mark.parametrize(
    "document,ids",
    [
        ({"posts": [{"id": "1", "text": "a", "date": "2024-01-01"}], "cursor": "x"}, ["1"]),
        ({"results": [{"id": "2", "text": "b", "date": "2024-01-01"}]}, ["2"]),
        ({"id": "3", "text": "a post with a list field", "date": "2024-01-01", "items": [1, 2]}, ["3"]),
    ],
)
def test_a_wrapper_page_reads_as_its_posts(ingest, tmp_path, document, ids):
    path = tmp_path / "page.json"
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    posts, quarantined = ingest(path, "jsonl")
    assert quarantined == []
    assert [p.platform_id for p in posts] == ids
