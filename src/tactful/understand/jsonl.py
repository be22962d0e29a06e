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

from tactful.records import Analysis
from tactful.understand.api import Understander

BATCH_SIZE = 256


@dataclass
class LineCounts:
    lines: int = 0
    bad: int = 0


def contract(analysis: Analysis) -> dict[str, Any]:
    """``Analysis.to_contract()``, built by hand: ``dataclasses.asdict`` costs ~40 us a post,
    a fifth of the fast tier's budget. A test checks the two agree."""
    out: dict[str, Any] = {"lang": analysis.lang}
    for name in _CLASS_FIELDS:
        value = getattr(analysis, name)
        if value is not None:
            out[name] = {"label": value.label, "scores": dict(value.scores)}
    for name in _BINARY_FIELDS:
        value = getattr(analysis, name)
        if value is not None:
            out[name] = {"label": value.label, "score": value.score}
        if name == "hate" and analysis.addressed is not None:
            out["addressed"] = {"label": analysis.addressed.label, "reason": analysis.addressed.reason}
    out["aspects"] = [{"name": a.name, "score": a.score, "sentiment": a.sentiment} for a in analysis.aspects]
    return out


_CLASS_FIELDS = ("sentiment", "emotion", "intent")
_BINARY_FIELDS = ("complaint", "irony", "offensive", "hate", "needs_response")


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
            output["analysis"] = contract(next(analyses))
        yield orjson.dumps(output) + b"\n"
