from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tactful.engines.enriched import OUTPUT_SCHEMA, PARTITION, from_row, to_table
from tactful.records import (
    Addressed,
    Analysis,
    AspectHit,
    BinaryScore,
    ClassScores,
    Decision,
    QueryMatch,
    StoredPost,
)

ANALYSIS = Analysis(
    lang="en",
    sentiment=ClassScores("negative", {"negative": 0.7, "neutral": 0.2, "positive": 0.1}),
    intent=ClassScores("complaint", {"complaint": 0.8, "other": 0.2}),
    complaint=BinaryScore(True, 0.8),
    irony=BinaryScore(None, None),
    addressed=Addressed(True, "mentions the brand"),
    aspects=[AspectHit("baggage", 0.6, "negative")],
    versions={"sentiment": "1.0.0"},
)
DECISION = Decision("respond", 70, "support", ["addressed", "intent.complaint"], "A complaint to us.", "v1")


def post(**changes) -> StoredPost:
    values = dict(
        platform="bluesky",
        platform_id="9",
        author_pseudonym="k1.abc",
        text="my bag <PHONE>",
        created_at=datetime(2024, 5, 1, 23, 59, tzinfo=UTC),
        mentions=["acme.bsky.social"],
        engagement={"likes": 3},
        matches=[QueryMatch("acme", "brand"), QueryMatch("g", "competitor:g")],
        pii_types={"PHONE": 1},
        sealed_contact="sealed-secret",
        analysis=ANALYSIS,
        decision=DECISION,
    )
    return StoredPost(**{**values, **changes})


@pytest.mark.parametrize("record", [post(), post(analysis=None, decision=None), post(engagement={})])
def test_a_row_reads_back_as_the_same_stored_post_without_the_sealed_contact(record):
    row = to_table([record]).to_pylist()[0]
    again = from_row(row)
    assert again.sealed_contact is None
    assert again == post_without_contact(record)


def post_without_contact(record: StoredPost) -> StoredPost:
    record.sealed_contact = None
    return record


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        ("sentiment", "negative"),
        ("sentiment_score", 0.7),
        ("intent", "complaint"),
        ("complaint", True),
        ("irony", None),
        ("addressed", True),
        ("aspects", ["baggage"]),
        ("action", "respond"),
        ("priority", 70),
        ("matched_queries", ["acme", "g"]),
        ("matched_groups", ["brand", "competitor:g"]),
        (PARTITION, "2024-05-01"),
        ("engagement", '{"likes":3}'),
        ("emotion", None),
    ],
)
def test_labels_are_flattened_for_sql(column, expected):
    assert to_table([post()]).to_pylist()[0][column] == expected


def test_the_table_has_the_one_output_schema_plus_the_day():
    table = to_table([post(), post(platform_id="10", analysis=None)])
    assert table.schema.names == [*OUTPUT_SCHEMA.names, PARTITION]
    assert "sealed_contact" not in table.schema.names
