"""The core of ``tactful redact``: JSON Lines in, JSON Lines out, one line at a time.

A bad line (not JSON, not an object, no string 'text') becomes an output line
with an ``error`` object (code and reason, never the line's content) so the
output stays aligned with the input.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import partial
from typing import IO, Any

from tactful.privacy.detect import detect_pii
from tactful.privacy.pseudonyms import Keyring
from tactful.privacy.redact import redact


@dataclass
class RedactCounts:
    ok: int = 0
    bad: int = 0


def redact_record(
    record: dict[str, Any], *, keyring: Keyring, brand_handles: frozenset[str]
) -> dict[str, Any]:
    text = record["text"]
    spans = detect_pii(text, brand_handles)
    platform = str(record.get("platform") or "any")
    placeholder = partial(keyring.handle_placeholder, platform)
    return {
        **record,
        "redacted": redact(text, spans, pseudonymise_handle=placeholder),
        "pii": [asdict(span) for span in spans],
    }


def _error_line(line_no: int, code: str, reason: str, record_id: Any = None) -> dict[str, Any]:
    out: dict[str, Any] = {"line": line_no, "error": {"code": code, "message": reason}}
    if isinstance(record_id, (str, int)):
        out = {"id": record_id, **out}
    return out


def redact_line(
    line: str, line_no: int, *, keyring: Keyring, brand_handles: frozenset[str]
) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError:
        return _error_line(line_no, "invalid_json", "line is not valid JSON")
    if not isinstance(record, dict):
        return _error_line(line_no, "not_an_object", "line is not a JSON object")
    if not isinstance(record.get("text"), str):
        return _error_line(line_no, "missing_text", "line has no string field 'text'", record.get("id"))
    return redact_record(record, keyring=keyring, brand_handles=brand_handles)


def redact_jsonl(
    lines: Iterable[str], out: IO[str], *, keyring: Keyring, brand_handles: frozenset[str]
) -> RedactCounts:
    counts = RedactCounts()
    handles = frozenset(h.lstrip("@").lower() for h in brand_handles)
    for line_no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        result = redact_line(line, line_no, keyring=keyring, brand_handles=handles)
        if "error" in result:
            counts.bad += 1
        else:
            counts.ok += 1
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    return counts
