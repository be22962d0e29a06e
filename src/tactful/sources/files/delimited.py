"""Generic posts in CSV (or TSV), through the documented field mapping (``--map text=body``).

Rows stream through the csv module over lines that are read as bytes with a
size bound and decoded one by one, so a bad byte or a huge line costs one row.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tactful.records import Post
from tactful.sources.base import RawRecord
from tactful.sources.files.base import FileFormat, formats, source_label
from tactful.sources.files.fields import require_object
from tactful.sources.files.generic import ALIASES, check_mapping, map_generic
from tactful.sources.files.reading import failed, iter_lines
from tactful.sources.files.sniff import csv_header

_BAD_LINE = "\n"  # stands in for an unreadable line, so the csv reader sees an empty row there


@formats.register("csv")
class CsvPosts(FileFormat):
    name = "csv"
    priority = 80
    accepts_mapping = True

    def __init__(self, **options: object) -> None:
        super().__init__(**options)  # type: ignore[arg-type]
        self.mapping = check_mapping(self.mapping)

    @classmethod
    def detect(cls, head: bytes, path: Path) -> bool:
        """A .csv/.tsv name, or a header naming an id and a text column (an export saved as .txt)."""
        if path.suffix.lower() in (".csv", ".tsv"):
            return True
        header = set(csv_header(head))
        return bool(header & set(ALIASES["id"])) and bool(header & set(ALIASES["text"]))

    def read(self, path: Path) -> Iterator[RawRecord]:
        return read_csv_rows(path, source_label(path), self.max_record_bytes)

    def map_item(self, raw: RawRecord) -> Post:
        return map_generic(require_object(raw.payload), self.mapping, raw.source)


class _LineFeed:
    """Decoded lines for csv.reader, remembering which physical lines could not be read and why."""

    def __init__(self, stream: Any, limit: int) -> None:
        self.lines = iter_lines(stream, limit)
        self.limit = limit
        self.problems: dict[int, tuple[str, str]] = {}  # line number -> (reason, code)

    def __iter__(self) -> Iterator[str]:
        for line in self.lines:
            if line.data is None:
                self.problems[line.number] = (
                    f"record is {line.size} bytes, over the {self.limit} byte limit",
                    "too_large",
                )
                yield _BAD_LINE
                continue
            try:
                text = line.data.decode("utf-8")
            except UnicodeDecodeError as exc:
                self.problems[line.number] = (f"not valid UTF-8 (byte {exc.start})", "invalid_utf8")
                yield _BAD_LINE
                continue
            yield text.removeprefix("\ufeff") if line.number == 1 else text


def read_csv_rows(path: Path, source: str, limit: int) -> Iterator[RawRecord]:
    """Rows as dicts keyed by the header; "row N" counts data rows from 1 (the header is not a row)."""
    with path.open("rb") as stream:
        feed = _LineFeed(stream, limit)
        dialect = _dialect(path)
        csv.field_size_limit(max(limit, csv.field_size_limit()))
        reader = csv.reader(feed, dialect)
        header = next(reader, None)
        if header is None:
            return
        header = [name.strip() for name in header]
        row_number, last_line = 0, reader.line_num
        for row in _rows(reader):
            first_line, last_line = last_line + 1, reader.line_num
            problem = _problem(feed.problems, first_line, last_line)
            if row is None and problem is None:
                continue  # a blank line
            row_number += 1
            location = f"row {row_number}"
            if problem is not None:
                yield failed(source, location, problem[0], problem[1])
            elif isinstance(row, str):
                yield failed(source, location, row, "invalid_csv")
            elif row is not None:
                yield RawRecord(payload=_as_record(header, row), source=source, location=location)


def _rows(reader: Any) -> Iterator[list[str] | str | None]:
    """csv rows; None for a blank line; a reason string for a row the csv module rejects."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield f"not valid CSV: {exc}"
            continue
        yield row if any(cell.strip() for cell in row) else None


def _problem(problems: dict[int, tuple[str, str]], first: int, last: int) -> tuple[str, str] | None:
    for number in range(first, last + 1):
        if number in problems:
            return problems.pop(number)
    return None


def _as_record(header: list[str], row: list[str]) -> dict[str, Any]:
    record: dict[str, Any] = dict(zip(header, row, strict=False))
    if len(row) > len(header):
        record["_extra_columns"] = row[len(header) :]
    return record


def _dialect(path: Path) -> type[csv.Dialect]:
    return csv.excel_tab if path.suffix.lower() == ".tsv" else csv.excel
