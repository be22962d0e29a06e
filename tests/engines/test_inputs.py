from __future__ import annotations

from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tactful.engines.inputs import input_files, read_records
from tactful.errors import InputFormatError


def test_json_lines_skip_blank_lines_and_keep_line_numbers(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"id": 1}\n\n{broken\n\xff\xfe\n')
    records = list(read_records([path]))
    assert [(r.location, r.error_code) for r in records] == [
        ("line 1", None),
        ("line 3", "invalid_json"),
        ("line 4", "invalid_utf8"),
    ]


def test_an_oversized_line_is_one_failed_record(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "' + "x" * 200 + '"}\n{"id": 2}\n', encoding="utf-8")
    records = list(read_records([path], limit=100))
    assert [r.error_code for r in records] == ["too_large", None]


def test_parquet_rows_become_payloads_without_missing_values(tmp_path):
    path = tmp_path / "a.parquet"
    moment = datetime(2024, 5, 1, 10, tzinfo=UTC)
    pq.write_table(pa.table({"id": ["1", "2"], "text": ["hi", None], "created_at": [moment, moment]}), path)
    records = list(read_records([path]))
    assert [r.location for r in records] == ["row 1", "row 2"]
    assert records[0].payload == {"id": "1", "text": "hi", "created_at": moment}
    assert "text" not in records[1].payload


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (["a.jsonl", "b.parquet"], "mix Parquet and JSON lines"),
        (["missing.jsonl"], "no such file"),
    ],
)
def test_input_files_refuse_what_cannot_be_enriched_together(tmp_path, names, message):
    for name in ("a.jsonl", "b.parquet"):
        (tmp_path / name).write_bytes(b"")
    with pytest.raises(InputFormatError, match=message):
        input_files([str(tmp_path / name) for name in names])


def test_a_file_that_is_not_parquet_is_an_input_error(tmp_path):
    path = tmp_path / "a.parquet"
    path.write_text("not parquet", encoding="utf-8")
    with pytest.raises(InputFormatError, match="not a readable Parquet file"):
        list(read_records([path]))
