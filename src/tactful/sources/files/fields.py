"""Small helpers that mappers share: required ids and text, optional strings, counts.

Each raises ``MappingError`` with a stable code; reasons name the field and the
type, never the value (which may be post text or a handle).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tactful.errors import MappingError
from tactful.sources.normalise import clean_text

_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))


def type_name(value: object) -> str:
    return {dict: "object", list: "list", str: "string", bool: "boolean", int: "number", float: "number"}.get(
        type(value), type(value).__name__
    )


def require_id(value: object, field: str = "id") -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise MappingError(f"no post id ({field})", code="missing_id")
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise MappingError(f"{field} is a {type_name(value)}, not an id", code="wrong_type")
    return clean_id(value)


def clean_id(value: str | int | float) -> str:
    """An id as a string; a float-looking "848.0" (CSV round-trips through pandas) becomes "848"."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    if text.endswith(".0") and text[:-2].isdigit():
        return text[:-2]
    return text


def require_text(value: object, field: str = "text") -> str:
    if value is None:
        raise MappingError(f"no {field}", code="empty_text")
    if not isinstance(value, str):
        raise MappingError(f"{field} is a {type_name(value)}, not text", code="wrong_type")
    if not clean_text(value).strip():
        raise MappingError(f"{field} is empty", code="empty_text")
    return value


def optional_str(value: object, field: str) -> str | None:
    """A string, or None when absent or empty; numbers are accepted as strings (ids)."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return clean_id(value)
    raise MappingError(f"{field} is a {type_name(value)}, not a string", code="wrong_type")


def optional_id(value: object, field: str) -> str | None:
    text = optional_str(value, field)
    return clean_id(text) if text is not None else None


def count(value: object) -> int | None:
    """A non-negative count from an int or a digit string (archives write counts as strings)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def counts(source: Mapping[str, Any], names: Mapping[str, str]) -> dict[str, int]:
    """Engagement counts: ``names`` maps our name (likes, reposts, ...) to the source's key."""
    out: dict[str, int] = {}
    for ours, theirs in names.items():
        value = count(source.get(theirs))
        if value is not None:
            out[ours] = value
    return out


def require_object(payload: object, what: str = "record") -> dict[str, Any]:
    if not isinstance(payload, dict):
        raise MappingError(f"{what} is a {type_name(payload)}, not an object", code="wrong_type")
    return payload


def get_object(source: Mapping[str, Any], key: str) -> dict[str, Any]:
    """A nested object, or {} when absent or not an object (optional structure is never fatal)."""
    value = source.get(key)
    return value if isinstance(value, dict) else {}


def get_list(source: Mapping[str, Any], key: str) -> list[Any]:
    value = source.get(key)
    return value if isinstance(value, list) else []


def unescape_twitter(text: str) -> str:
    """Twitter escapes only &, < and > in tweet text; undo exactly those."""
    for entity, char in _ENTITIES:
        text = text.replace(entity, char)
    return text


def dedupe(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def entity_values(entities: Mapping[str, Any], kind: str, key: str) -> list[str]:
    """Twitter entities: e.g. ``entities.hashtags[].text``, strings only, deduplicated."""
    values = [e.get(key) for e in get_list(entities, kind) if isinstance(e, dict)]
    return dedupe([v for v in values if isinstance(v, str)])
