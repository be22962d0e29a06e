"""Streaming readers shared by the formats: bounded lines, JSON lines, JSON arrays, JSON pages.

Everything here reads bytes and decodes record by record, so one bad record
(invalid UTF-8, truncated JSON, a 10 MB line) becomes one quarantined
``RawRecord`` and the rest of the file still reads. Memory stays bounded by
the record (or page) size limit, never by the file size.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from tactful.sources.base import RawRecord

CHUNK_CHARS = 1 << 16
HEAD_BYTES = 1 << 16
ORJSON_MAX_CHARS = 1 << 18

PageItems = list[tuple[Any, dict[str, Any]]]
Expand = Callable[[Any], PageItems | None]
"""Given a decoded JSON value, the records inside it when it is a page (with per-record meta), else None."""


@dataclass(slots=True)
class Line:
    number: int  # 1-based
    data: bytes | None  # None when the line was longer than the limit (and was skipped)
    size: int  # bytes, newline included


def read_head(path: Path, size: int = HEAD_BYTES) -> bytes:
    with path.open("rb") as stream:
        return stream.read(size)


def iter_lines(stream: BinaryIO, limit: int) -> Iterator[Line]:
    """Lines of at most ``limit`` bytes; longer lines are skipped unread and reported as ``data=None``."""
    number = 0
    while chunk := stream.readline(limit + 1):
        number += 1
        if len(chunk) > limit and not chunk.endswith(b"\n"):
            yield Line(number, None, len(chunk) + _skip_rest_of_line(stream))
        else:
            yield Line(number, chunk, len(chunk))


def _skip_rest_of_line(stream: BinaryIO) -> int:
    skipped = 0
    while chunk := stream.readline(CHUNK_CHARS):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def failed(source: str, location: str, reason: str, code: str) -> RawRecord:
    return RawRecord(payload=None, source=source, location=location, error=reason, error_code=code)


def too_large(source: str, location: str, size: int, limit: int) -> RawRecord:
    return failed(source, location, f"record is {size} bytes, over the {limit} byte limit", "too_large")


def decode_line(line: Line, source: str, location: str, limit: int) -> str | RawRecord:
    """The line as text, or a failed record saying why it cannot be read."""
    if line.data is None:
        return too_large(source, location, line.size, limit)
    try:
        text = line.data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return failed(source, location, f"not valid UTF-8 (byte {exc.start})", "invalid_utf8")
    return text.removeprefix("\ufeff") if line.number == 1 else text


def loads(text: str) -> Any:
    """Parse JSON fast; the stdlib for what orjson refuses (huge integers, NaN) and for big texts.

    orjson briefly needs about 13 times the size of a big string; the stdlib about 2.
    """
    if len(text) > ORJSON_MAX_CHARS:
        return json.loads(text)
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


BAD_JSON = (ValueError, RecursionError)
"""What parsing hostile JSON can raise: syntax errors, numbers over Python's digit limit, deep nesting."""


def json_error_reason(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"invalid JSON: {exc.msg} (column {exc.colno})"
    if isinstance(exc, RecursionError):
        return "invalid JSON: nested too deeply"
    return "invalid JSON: a value cannot be read (e.g. a number with too many digits)"


# --- JSON lines ------------------------------------------------------------------------


def read_json_lines(
    path: Path, source: str, *, record_limit: int, page_limit: int | None = None, expand: Expand | None = None
) -> Iterator[RawRecord]:
    """One JSON value a line. A line holding a page (or an array) yields one record per item in it."""
    limit = page_limit if expand is not None and page_limit else record_limit
    with path.open("rb") as stream:
        for line in iter_lines(stream, limit):
            location = f"line {line.number}"
            text = decode_line(line, source, location, limit)
            if isinstance(text, RawRecord):
                yield text
            elif text.strip():
                yield from _line_records(text, line.size, source, location, record_limit, expand)


def _line_records(
    text: str, size: int, source: str, location: str, record_limit: int, expand: Expand | None
) -> Iterator[RawRecord]:
    try:
        value = loads(text)
    except BAD_JSON as exc:
        yield failed(source, location, json_error_reason(exc), "invalid_json")
        return
    items = _expand(value, expand)
    if items is None:
        if size > record_limit:
            yield too_large(source, location, size, record_limit)
        else:
            yield RawRecord(payload=value, source=source, location=location)
        return
    for n, (payload, meta) in enumerate(items, 1):
        yield RawRecord(payload=payload, source=source, location=f"{location} item {n}", meta=meta)


def _expand(value: Any, expand: Expand | None) -> PageItems | None:
    if expand is not None and (items := expand(value)) is not None:
        return items
    if isinstance(value, list):
        return [(item, {}) for item in value]
    return None


# --- JSON arrays (streamed) --------------------------------------------------------------


class _Unreadable(Exception):
    """The array cannot be read past this point."""

    def __init__(self, reason: str, code: str = "invalid_json") -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code


@dataclass(slots=True)
class _Oversized:
    size: int  # characters; close enough to bytes for a limit


def stream_array(stream: Any, source: str, limit: int) -> Iterator[RawRecord]:
    """Items of the first top-level JSON array in a text stream, decoded one by one.

    Anything before the first ``[`` is skipped (the ``window.YTD.tweets.part0 =``
    of a Twitter archive). A broken item ends the stream with one failed record:
    after a syntax error there is no reliable way to find the next item.
    """
    reader = _ArrayReader(stream, limit)
    number = 0
    try:
        for value in reader:
            number += 1
            if isinstance(value, _Oversized):
                yield too_large(source, f"item {number}", value.size, limit)
            else:
                yield RawRecord(payload=value, source=source, location=f"item {number}")
    except UnicodeDecodeError:
        reason = "not valid UTF-8; the rest of the file was not read"
        yield failed(source, f"item {number + 1}", reason, "invalid_utf8")
    except _Unreadable as exc:
        yield failed(source, f"item {number + 1}", exc.reason, exc.code)


class _ArrayReader:
    def __init__(self, stream: Any, limit: int) -> None:
        self.stream = stream
        self.limit = limit
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.decoder = json.JSONDecoder()

    def _more(self) -> bool:
        if self.eof:
            return False
        chunk = self.stream.read(CHUNK_CHARS)
        if not chunk:
            self.eof = True
            return False
        if self.pos > CHUNK_CHARS:  # drop what was consumed, so memory stays bounded
            self.buf, self.pos = self.buf[self.pos :], 0
        self.buf += chunk
        return True

    def _skip(self, chars: str) -> bool:
        """Advance past ``chars``; False at end of input."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in chars:
                self.pos += 1
            if self.pos < len(self.buf):
                return True
            if not self._more():
                return False

    def _open(self) -> None:
        while (start := self.buf.find("[", self.pos)) < 0:
            self.pos = len(self.buf)
            if not self._more():
                raise _Unreadable("no JSON array found")
        self.pos = start + 1

    def __iter__(self) -> Iterator[Any]:
        self._open()
        while True:
            if not self._skip(" \t\r\n,"):
                raise _Unreadable("the file ends before the array is closed")
            if self.buf[self.pos] == "]":
                self.pos += 1
                if not self._next_array():
                    return
                continue
            yield self._decode_item()

    def _next_array(self) -> bool:
        """After a closing ``]``: True if another array follows (arrays saved one a line)."""
        if not self._skip(" \t\r\n;"):
            return False
        if self.buf[self.pos] != "[":
            raise _Unreadable("unexpected content after the array")
        self.pos += 1
        return True

    def _decode_item(self) -> Any:
        """The next value; reads more input while the value may be incomplete.

        A decode error that stays the same after more input arrived is a real
        syntax error, not the end of the buffer (an unterminated string is the
        exception: it may simply be long).
        """
        last_error: tuple[int, str] | None = None
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
                if end < len(self.buf) or self.eof:
                    start, self.pos = self.pos, end
                    return _Oversized(end - start) if end - start > self.limit else value
                # a value that touches the end of the buffer may continue: read more
            except json.JSONDecodeError as exc:
                error = (exc.pos - self.pos, exc.msg)
                if error == last_error and not exc.msg.startswith("Unterminated string"):
                    raise _Unreadable(json_error_reason(exc)) from None
                last_error = error
                if self.eof:
                    raise _Unreadable(json_error_reason(exc)) from None
            except BAD_JSON as exc:  # not a syntax error: more input would not help
                raise _Unreadable(json_error_reason(exc)) from None
            if len(self.buf) - self.pos > self.limit:
                raise _Unreadable(f"record is over the {self.limit} byte limit", "too_large")
            self._more()


def read_json_array(path: Path, source: str, limit: int) -> Iterator[RawRecord]:
    with path.open("r", encoding="utf-8", errors="strict", newline="") as stream:
        yield from stream_array(stream, source, limit)


# --- any JSON layout ---------------------------------------------------------------------


def json_layout(head: bytes) -> str:
    """'array', 'lines' or 'document' (one pretty-printed object), from the first bytes."""
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"["):
        return "array"
    lines = [line.strip() for line in text.split(b"\n", 2) if line.strip()]
    if len(lines) < 2 or _parses(lines[0]):
        return "lines"
    # A pretty-printed document opens a structure at the end of its first line; a broken line rarely does.
    return "document" if lines[0][-1:] in (b"{", b"[", b",") else "lines"


def _parses(line: bytes) -> bool:
    try:
        orjson.loads(line)
    except orjson.JSONDecodeError:
        return False
    return True


def read_json_items(
    path: Path,
    source: str,
    *,
    record_limit: int,
    page_limit: int,
    expand: Expand | None = None,
    pages_in_lines: bool = True,
) -> Iterator[RawRecord]:
    """Records from a JSON array, JSON lines or one JSON document (page), whichever the file is.

    ``pages_in_lines``: a line may hold a whole page (API responses saved one a line),
    so lines are bounded by the page limit instead of the record limit.
    """
    layout = json_layout(read_head(path))
    if layout == "array":
        for raw in read_json_array(path, source, record_limit):
            yield from _array_item(raw, expand)
    elif layout == "lines":
        line_expand = expand if pages_in_lines else None
        yield from read_json_lines(
            path, source, record_limit=record_limit, page_limit=page_limit, expand=line_expand
        )
    else:
        yield from _read_document(path, source, page_limit, expand)


def _array_item(raw: RawRecord, expand: Expand | None) -> Iterator[RawRecord]:
    items = expand(raw.payload) if expand is not None and raw.error is None else None
    if items is None:
        yield raw
        return
    for n, (payload, meta) in enumerate(items, 1):
        yield RawRecord(payload=payload, source=raw.source, location=f"{raw.location}.{n}", meta=meta)


def _read_document(path: Path, source: str, page_limit: int, expand: Expand | None) -> Iterator[RawRecord]:
    """A whole-file JSON object, e.g. one saved API page: read whole, so bounded by the page limit."""
    size = path.stat().st_size
    if size > page_limit:
        yield too_large(source, "document", size, page_limit)
        return
    try:
        value = loads(path.read_bytes().decode("utf-8").removeprefix("\ufeff"))
    except UnicodeDecodeError as exc:
        yield failed(source, "document", f"not valid UTF-8 (byte {exc.start})", "invalid_utf8")
        return
    except BAD_JSON as exc:
        yield failed(source, "document", json_error_reason(exc), "invalid_json")
        return
    items = _expand(value, expand)
    if items is None:
        yield RawRecord(payload=value, source=source, location="document")
        return
    for n, (payload, meta) in enumerate(items, 1):
        yield RawRecord(payload=payload, source=source, location=f"item {n}", meta=meta)
