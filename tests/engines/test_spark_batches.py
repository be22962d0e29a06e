"""The function Spark's Python workers run, tested without Spark: rows in, staged Arrow batch out."""

from __future__ import annotations

import json

import pytest

from tactful.engines.batch import EnrichJob
from tactful.engines.spark import FILE, KIND, SEQ, STAGING_SCHEMA, staged_batch

from .enrich_data import MIXED_LINES


@pytest.fixture
def staged(config):
    rows = [
        {
            "value": line if isinstance(line, str) else json.dumps(line),
            FILE: "file:///a/in.jsonl",
            SEQ: 100 + n,
        }
        for n, line in enumerate(MIXED_LINES)
    ]
    return staged_batch(EnrichJob.build(config), rows, "file:///a/in.jsonl", parquet=False).to_pylist()


def test_a_run_of_rows_becomes_posts_quarantined_rows_and_one_accounting_row(staged):
    kinds = [row[KIND] for row in staged]
    assert kinds.count("report") == 1 and kinds.count("quarantined") == 2
    report = next(row for row in staged if row[KIND] == "report")
    assert (report["_read"], report["_not_matched"], report["_withheld"], report["_rejected"]) == (8, 1, 0, 2)


def test_post_rows_keep_input_order_for_deduplication(staged):
    posts = [row for row in staged if row[KIND] == "post"]
    assert [row["platform_id"] for row in posts] == ["1", "2", "5", "1", "6"]
    assert [row[SEQ] for row in posts] == [100, 101, 102, 103, 104]
    assert all(row[FILE] == "file:///a/in.jsonl" for row in posts)


def test_quarantined_rows_say_where_and_why_but_carry_no_text(staged):
    quarantined = [row for row in staged if row[KIND] == "quarantined"]
    assert [(q["source"], q["_location"], q["_code"]) for q in quarantined] == [
        ("in.jsonl", "row 103", "invalid_json"),
        ("in.jsonl", "row 104", "empty_text"),
    ]
    assert all(q["text"] is None for q in quarantined)


def test_the_batch_has_the_staging_schema(config):
    batch = staged_batch(EnrichJob.build(config), [{"value": "", FILE: "f", SEQ: 0}], "f", parquet=False)
    assert batch.schema == STAGING_SCHEMA and batch.num_rows == 1  # a blank line: only the accounting row
