"""Writes enriched rows as Parquet partitioned by day: ``OUT/day=2024-05-01/part-00000.parquet``.

One open writer per day, each table slice a row group, so memory stays bounded by
the batch, not the archive. Quarantined rows go to ``OUT/_quarantine/`` (a leading
underscore: Spark and pyarrow datasets skip it when reading the posts back).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from tactful.engines.enriched import OUTPUT_SCHEMA, PARTITION, QUARANTINE_SCHEMA
from tactful.errors import UsageError

QUARANTINE_DIR = "_quarantine"
MAX_OPEN_WRITERS = 128  # more days than this at once: close them all, later rows start new part files


def prepare_output(out: Path, *, overwrite: bool) -> None:
    """An empty output folder: refuse to mix a new run into an old one unless told to replace it."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: exists and is not a folder")
    if out.exists() and any(out.iterdir()):
        if not overwrite:
            raise UsageError(f"{out}: not empty; pass --overwrite to replace it")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)


class DayPartitionedWriter:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.parts: dict[str, int] = {}
        self.quarantine: pq.ParquetWriter | None = None

    def write(self, table: pa.Table) -> None:
        """Rows of ``OUTPUT_SCHEMA`` plus the ``day`` column."""
        if table.num_rows == 0:
            return
        for day in pc.unique(table[PARTITION]).to_pylist():
            rows = table.filter(pc.equal(table[PARTITION], day)).drop_columns([PARTITION])
            self._writer(day).write_table(rows)

    def write_quarantined(self, table: pa.Table) -> None:
        if table.num_rows == 0:
            return
        if self.quarantine is None:
            (self.out / QUARANTINE_DIR).mkdir(parents=True, exist_ok=True)
            self.quarantine = pq.ParquetWriter(
                self.out / QUARANTINE_DIR / "part-00000.parquet", QUARANTINE_SCHEMA
            )
        self.quarantine.write_table(table)

    def _writer(self, day: str) -> pq.ParquetWriter:
        if day not in self.writers:
            if len(self.writers) >= MAX_OPEN_WRITERS:
                self._close_days()
            folder = self.out / f"{PARTITION}={day}"
            folder.mkdir(parents=True, exist_ok=True)
            part = self.parts.get(day, 0)
            self.parts[day] = part + 1
            self.writers[day] = pq.ParquetWriter(folder / f"part-{part:05d}.parquet", OUTPUT_SCHEMA)
        return self.writers[day]

    def _close_days(self) -> None:
        for writer in self.writers.values():
            writer.close()
        self.writers.clear()

    def close(self) -> None:
        self._close_days()
        if self.quarantine is not None:
            self.quarantine.close()
            self.quarantine = None

    def __enter__(self) -> DayPartitionedWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
