from __future__ import annotations

import orjson

from tactful.records import AspectHit, BinaryScore, QueryMatch, to_dict
from tactful.store import rows
from tactful.store.engine import JSON_OPTIONS


def test_a_query_matching_twice_is_one_match_row():
    matches = [QueryMatch("acme", "brand"), QueryMatch("acme", "brand"), QueryMatch("globex", "product")]
    assert [r["query_name"] for r in rows.match_rows(7, matches)] == ["acme", "globex"]


def test_one_aspect_row_per_aspect_keeping_the_strongest_hit():
    hits = [AspectHit("app", 0.3, "neutral"), AspectHit("app", 0.9, "negative"),
            AspectHit("price", 0.5, "positive")]
    assert rows.aspect_rows(1, hits) == [
        {"post_id": 1, "aspect": "app", "score": 0.9, "sentiment": "negative"},
        {"post_id": 1, "aspect": "price", "score": 0.5, "sentiment": "positive"},
    ]


def test_analysis_columns_hold_labels_and_probabilities(analysis):
    row = rows.analysis_row(3, analysis)
    columns = ("sentiment", "sentiment_score", "intent", "complaint", "hate", "addressed")
    assert {k: row[k] for k in columns} == {
        "sentiment": "negative", "sentiment_score": 0.75, "intent": "complaint", "complaint": 0.9,
        "hate": None, "addressed": True,
    }
    assert orjson.loads(JSON_OPTIONS["json_serializer"](row["analysis"])) == to_dict(analysis)


def test_an_unscored_binary_label_stores_null(analysis):
    analysis.irony = BinaryScore(None, None)
    assert rows.analysis_row(1, analysis)["irony"] is None
