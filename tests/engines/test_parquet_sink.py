from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pyarrow.dataset as ds
import pytest

from tactful.engines import parquet_sink
from tactful.engines.enriched import to_table
from tactful.engines.parquet_sink import DayPartitionedWriter, prepare_output
from tactful.errors import UsageError
from tactful.records import StoredPost

START = datetime(2024, 5, 1, 12, tzinfo=UTC)


def posts(days: int) -> list[StoredPost]:
    return [StoredPost("x", str(n), "p", "t", START + timedelta(days=n % days)) for n in range(days * 2)]


@pytest.mark.parametrize("max_open", [1, 2, 128])
def test_rows_land_in_their_day_whatever_the_number_of_open_files(tmp_path, monkeypatch, max_open):
    monkeypatch.setattr(parquet_sink, "MAX_OPEN_WRITERS", max_open)
    with DayPartitionedWriter(tmp_path) as writer:
        writer.write(to_table(posts(3)[:3]))
        writer.write(to_table(posts(3)[3:]))
    table = ds.dataset(tmp_path, format="parquet", partitioning="hive").to_table()
    assert sorted(zip(table["platform_id"].to_pylist(), table["day"].to_pylist(), strict=True)) == [
        ("0", "2024-05-01"),
        ("1", "2024-05-02"),
        ("2", "2024-05-03"),
        ("3", "2024-05-01"),
        ("4", "2024-05-02"),
        ("5", "2024-05-03"),
    ]


@pytest.mark.parametrize(
    ("existing", "overwrite", "error"),
    [
        (None, False, None),
        ("empty", False, None),
        ("full", False, "--overwrite"),
        ("full", True, None),
        ("file", True, "not a folder"),
    ],
)
def test_prepare_output_never_mixes_runs(tmp_path, existing, overwrite, error):
    out = tmp_path / "out"
    if existing == "file":
        out.write_text("x")
    elif existing is not None:
        out.mkdir()
        if existing == "full":
            (out / "old").write_text("x")
    if error:
        with pytest.raises(UsageError, match=error):
            prepare_output(out, overwrite=overwrite)
    else:
        prepare_output(out, overwrite=overwrite)
        assert out.is_dir() and not any(out.iterdir())
