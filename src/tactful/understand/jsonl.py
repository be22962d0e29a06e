"""The ``tactful analyze`` contract over JSON Lines, as a pure generator.

Each input line is an object with a string ``text``; the output line is the
same object (keys and their order kept) plus ``"analysis"``. A bad line
(invalid JSON, not an object, no ``text``, ``text`` not a string) keeps its
place in the output as an object with an ``"error"`` (the original keys kept
when the line was an object), so input and output line up one to one.
Blank lines are skipped. Work goes to the models in batches.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import orjson

from tactful.understand.api import Understander

BATCH_SIZE = 256


@dataclass
class LineCounts:
    lines: int = 0
    bad: int = 0


def line_error(code: str, line_number: int, message: str) -> dict[str, Any]:
    return {"code": code, "message": f"line {line_number}: {message}", "line": line_number}


def parse_line(raw: bytes, line_number: int) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """(the object to analyse, None) or (None, the object to write with its error)."""
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None, {"error": line_error("invalid_json", line_number, "not valid JSON")}
    if not isinstance(value, dict):
        return None, {"error": line_error("not_an_object", line_number, "not a JSON object")}
    if "text" not in value:
        return None, {**value, "error": line_error("missing_text", line_number, "no 'text' key")}
    if not isinstance(value["text"], str):
        return None, {**value, "error": line_error("text_not_string", line_number, "'text' is not a string")}
    return value, None


def analyze_lines(
    lines: Iterable[bytes], understander: Understander, counts: LineCounts, batch_size: int = BATCH_SIZE
) -> Iterator[bytes]:
    """Output lines (each ending in a newline), in input order."""
    pending: list[tuple[dict[str, Any], dict[str, Any] | None]] = []  # (output object, request or None)
    for raw in lines:
        if not raw.strip():
            continue
        counts.lines += 1
        good, bad = parse_line(raw, counts.lines)
        counts.bad += bad is not None
        pending.append((good, good) if good is not None else (bad, None))  # type: ignore[arg-type]
        if len(pending) >= batch_size:
            yield from _flush(pending, understander)
            pending = []
    yield from _flush(pending, understander)


def _flush(
    pending: list[tuple[dict[str, Any], dict[str, Any] | None]], understander: Understander
) -> Iterator[bytes]:
    requests = [request for _, request in pending if request is not None]
    analyses = iter(understander.analyze(requests))
    for output, request in pending:
        if request is not None:
            output["analysis"] = next(analyses).to_contract()
        yield orjson.dumps(output) + b"\n"
