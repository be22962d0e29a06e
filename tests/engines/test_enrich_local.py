from __future__ import annotations

from datetime import UTC, datetime

import pyarrow.dataset as ds
import pytest

from tactful.engines.batch import EnrichJob
from tactful.engines.enrich_local import SeenKeys, enrich_local
from tactful.engines.inputs import read_records
from tactful.engines.parquet_sink import DayPartitionedWriter
from tactful.privacy.gate import identity_hashes
from tactful.records import Post

from .enrich_data import MIXED_LINES, OPTED_OUT_AUTHOR, write_lines


@pytest.fixture
def job(config):
    plain = EnrichJob.build(config)
    author = Post("bluesky", "0", "", datetime(2024, 1, 1, tzinfo=UTC), author_handle=OPTED_OUT_AUTHOR)
    return EnrichJob.build(config, opted_out=identity_hashes(author, plain.stages.privacy_gate.keyring))


def enrich(tmp_path, job, lines, **options):
    source = write_lines(tmp_path / "in.jsonl", lines)
    out = tmp_path / f"out-{len(list(tmp_path.iterdir()))}"
    with DayPartitionedWriter(out) as writer:
        report = enrich_local(read_records([source]), job, writer, **options)
    return report, out


def rows(out):
    table = ds.dataset(out, format="parquet", partitioning="hive").to_table()
    return sorted(table.drop_columns(["enriched_at"]).to_pylist(), key=lambda r: r["platform_id"])


@pytest.mark.parametrize("chunk_size", [1, 3, 1000])
def test_every_line_is_accounted_for_whatever_the_chunk_size(tmp_path, job, chunk_size):
    report, _ = enrich(tmp_path, job, MIXED_LINES, chunk_size=chunk_size)
    assert report.adds_up()
    assert (
        report.read,
        report.stored,
        report.not_matched,
        report.withheld,
        report.duplicate,
        report.rejected,
    ) == (8, 3, 1, 1, 1, 2)
    assert report.rejected_reasons == {"invalid_json": 1, "empty_text": 1}


def test_written_rows_are_partitioned_by_utc_day_and_protected(tmp_path, job):
    _, out = enrich(tmp_path, job, MIXED_LINES, chunk_size=2)
    written = rows(out)
    assert [(r["platform_id"], r["day"]) for r in written] == [
        ("1", "2024-05-01"),
        ("2", "2024-05-02"),
        ("6", "2024-05-03"),
    ]
    assert written[1]["matched_groups"] == ["brand", "competitor:globex"]
    assert all(r["author_pseudonym"] not in ("ann", "bob", "dee") for r in written)
    assert (
        "7946" not in written[2]["text"] and written[2]["pii_types"] != "{}"
    )  # the phone number is redacted
    assert all(r["action"] is not None for r in written)  # the real decide stage ran


def test_bad_lines_are_quarantined_with_where_and_why(tmp_path, job):
    _, out = enrich(tmp_path, job, MIXED_LINES)
    quarantined = ds.dataset(out / "_quarantine", format="parquet").to_table().to_pylist()
    assert [(q["location"], q["code"]) for q in quarantined] == [
        ("line 4", "invalid_json"),
        ("line 5", "empty_text"),
    ]
    assert all(q["source"] == "in.jsonl" for q in quarantined)


def test_two_workers_write_the_same_rows_as_one(tmp_path, job):
    lines = [
        dict(line, id=f"{line['id']}-{n}") if isinstance(line, dict) and "id" in line else line
        for n in range(20)
        for line in MIXED_LINES
    ]
    one, out_one = enrich(tmp_path, job, lines, chunk_size=7, workers=1)
    two, out_two = enrich(tmp_path, job, lines, chunk_size=7, workers=2)
    assert one == two
    assert rows(out_one) == rows(out_two)
    assert (one.stored, one.duplicate) == (20 * 3, 20)


def test_seen_keys_keep_the_first_copy_across_tables(job, tmp_path):
    _, out = enrich(tmp_path, job, MIXED_LINES)
    table = ds.dataset(out, format="parquet", partitioning="hive").to_table()
    seen = SeenKeys()
    assert seen.keep_new(table).num_rows == 3
    assert seen.keep_new(table).num_rows == 0
