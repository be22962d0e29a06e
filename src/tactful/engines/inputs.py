"""The input side of ``tactful enrich``: which files, in which layout, streamed as raw records.

Two layouts, told apart by the file name: Parquet (``*.parquet``, ``*.parq``) and JSON
lines (anything else, one post a line). Fields are read through the generic mapping of
``sources/files/generic.py`` (``--map`` applies), the same in both engines.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pyarrow.parquet as pq

from tactful.engines.batch import record_from_line, record_from_row
from tactful.errors import InputFormatError
from tactful.sources.base import RawRecord
from tactful.sources.files import iter_files
from tactful.sources.files.base import DEFAULT_MAX_RECORD_BYTES
from tactful.sources.files.reading import decode_line, iter_lines

PARQUET_SUFFIXES = (".parquet", ".parq")
PARQUET_BATCH_ROWS = 1024


def input_files(paths: Iterable[str]) -> list[Path]:
    """Files named by paths, globs and directories, in name order; one layout for all of them."""
    files = list(iter_files(paths))
    if not files:
        raise InputFormatError("no input files")
    if len({is_parquet(f) for f in files}) > 1:
        raise InputFormatError("inputs mix Parquet and JSON lines files: enrich one layout at a time")
    return files


def is_parquet(path: Path) -> bool:
    return path.suffix.lower() in PARQUET_SUFFIXES


def read_records(files: Iterable[Path], limit: int = DEFAULT_MAX_RECORD_BYTES) -> Iterator[RawRecord]:
    for path in files:
        yield from (read_parquet(path) if is_parquet(path) else read_json_lines(path, limit))


def read_json_lines(path: Path, limit: int = DEFAULT_MAX_RECORD_BYTES) -> Iterator[RawRecord]:
    with path.open("rb") as stream:
        for line in iter_lines(stream, limit):
            location = f"line {line.number}"
            text = decode_line(line, path.name, location, limit)
            record = (
                text if isinstance(text, RawRecord) else record_from_line(text, path.name, location, limit)
            )
            if record is not None:
                yield record


def read_parquet(path: Path) -> Iterator[RawRecord]:
    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a file that is not Parquet
        raise InputFormatError(f"{path.name}: not a readable Parquet file ({type(exc).__name__})") from None
    row = 0
    for batch in parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS):
        for values in batch.to_pylist():
            row += 1
            yield record_from_row(values, path.name, f"row {row}")
