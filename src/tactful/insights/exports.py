"""Exports without caps: posts (as stored: redacted), analyses, decisions, inbox history.

Rows are read in keyset pages (``WHERE id > last ORDER BY id LIMIT n``) and
written as they come, so memory stays flat however large the table: CSV, JSONL,
or Parquet through one ``pyarrow.parquet.ParquetWriter`` (one row group per page).
JSON columns are written as JSON text. The contact vault is never exported.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any, Literal

import orjson
import pyarrow as pa
import pyarrow.parquet as pq
import sqlalchemy as sa

from tactful.errors import UsageError
from tactful.insights.filters import Filters
from tactful.store.schema import analyses, decisions, posts

Format = Literal["csv", "jsonl", "parquet"]
FORMATS: tuple[Format, ...] = ("csv", "jsonl", "parquet")
KINDS = ("posts", "analyses", "decisions", "inbox")
PAGE = 5000
EVERYTHING = Filters()


@dataclass(frozen=True)
class Source:
    """What one export reads: columns, the key it pages on, the time column it filters on."""

    columns: list[sa.ColumnElement[Any]]
    key: sa.ColumnElement[Any]
    moment: sa.ColumnElement[Any]
    from_: Any


def source(conn: sa.Connection, kind: str) -> Source:
    if kind == "posts":
        return Source(list(posts.columns), posts.c.id, posts.c.created_at, posts)
    if kind in ("analyses", "decisions"):
        table = analyses if kind == "analyses" else decisions
        joined = table.join(posts, posts.c.id == table.c.post_id)
        return Source(
            [*table.columns, posts.c.created_at.label("post_created_at")],
            table.c.post_id,
            posts.c.created_at,
            joined,
        )
    if kind == "inbox":
        events = _reflect(conn, "inbox_events")
        return Source(list(events.columns), events.c.id, events.c.at, events)
    raise UsageError(f"cannot export {kind!r} (choose from: {', '.join(KINDS)})")


def _reflect(conn: sa.Connection, name: str) -> sa.Table:
    if not sa.inspect(conn).has_table(name):
        raise UsageError(f"this database has no {name} table (the inbox is not set up)")
    return sa.Table(name, sa.MetaData(), autoload_with=conn)


def pages(
    conn: sa.Connection, src: Source, filters: Filters, page_size: int = PAGE
) -> Iterator[list[dict[str, Any]]]:
    conditions = []
    if filters.since is not None:
        conditions.append(src.moment >= filters.since)
    if filters.until is not None:
        conditions.append(src.moment < filters.until)
    query = (
        sa.select(*src.columns).select_from(src.from_).where(*conditions).order_by(src.key).limit(page_size)
    )
    last: Any = None
    while True:
        page = conn.execute(query if last is None else query.where(src.key > last)).mappings().all()
        if not page:
            return
        last = page[-1][src.key.name]
        yield [{str(k): v for k, v in row.items()} for row in page]


def export(conn: sa.Connection, kind: str, fmt: Format, output: Path, filters: Filters = EVERYTHING) -> int:
    """Write every row of ``kind`` in ``filters``' range to ``output``; return how many."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} (choose from: {', '.join(FORMATS)})")
    src = source(conn, kind)
    names = [c.name for c in src.columns]
    writer = {"csv": _write_csv, "jsonl": _write_jsonl, "parquet": _write_parquet}[fmt]
    return writer(pages(conn, src, filters), names, _arrow_schema(src), output)


def _plain(value: Any) -> Any:
    """JSON structures as JSON text; everything else as is."""
    if isinstance(value, dict | list):
        return orjson.dumps(value).decode()
    return value


def _write_csv(rows: Iterator[list[dict[str, Any]]], names: list[str], _: pa.Schema, output: Path) -> int:
    count = 0
    with output.open("w", newline="", encoding="utf-8") as handle:
        out = csv.DictWriter(handle, fieldnames=names)
        out.writeheader()
        for page in rows:
            out.writerows({k: _csv_value(v) for k, v in row.items()} for row in page)
            count += len(page)
    return count


def _csv_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else _plain(value)


def _write_jsonl(rows: Iterator[list[dict[str, Any]]], _names: list[str], _: pa.Schema, output: Path) -> int:
    count = 0
    with output.open("wb") as handle:
        for page in rows:
            _write_lines(handle, page)
            count += len(page)
    return count


def _write_lines(handle: IO[bytes], page: list[dict[str, Any]]) -> None:
    handle.write(b"".join(orjson.dumps(row, option=orjson.OPT_NAIVE_UTC) + b"\n" for row in page))


def _write_parquet(
    rows: Iterator[list[dict[str, Any]]], names: list[str], schema: pa.Schema, output: Path
) -> int:
    count = 0
    with pq.ParquetWriter(output, schema) as writer:
        for page in rows:
            columns = {name: [_plain(row[name]) for row in page] for name in names}
            writer.write_table(pa.table(columns, schema=schema))
            count += len(page)
    return count


def _arrow_schema(src: Source) -> pa.Schema:
    return pa.schema([pa.field(c.name, _arrow_type(c.type)) for c in src.columns])


def _arrow_type(column_type: sa.types.TypeEngine[Any]) -> pa.DataType:
    impl = getattr(column_type, "impl", column_type)
    if isinstance(impl, sa.Boolean):
        return pa.bool_()
    if isinstance(impl, sa.Integer):
        return pa.int64()
    if isinstance(impl, sa.Float):
        return pa.float64()
    if isinstance(impl, sa.DateTime):
        return pa.timestamp("us", tz="UTC")
    return pa.string()  # text, and JSON as JSON text
