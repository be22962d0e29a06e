"""Cheap content sniffing on the first bytes of a file.

A key pattern ``"name":`` can only match a real JSON key: inside a JSON string
the quotes would be escaped. So counting key patterns in the head is a sound
way to tell JSON shapes apart without parsing a possibly truncated head.
"""

from __future__ import annotations

import re
from functools import cache

_BOM = b"\xef\xbb\xbf"


@cache
def _key_pattern(key: str) -> re.Pattern[bytes]:
    return re.compile(rb'"' + re.escape(key.encode()) + rb'"\s*:')


def has_keys(head: bytes, *keys: str) -> bool:
    return all(_key_pattern(key).search(head) for key in keys)


def has_any_key(head: bytes, *keys: str) -> bool:
    return any(_key_pattern(key).search(head) for key in keys)


def looks_like_json(head: bytes) -> bool:
    return head.removeprefix(_BOM).lstrip()[:1] in (b"{", b"[")


def csv_header(head: bytes) -> list[str]:
    """The first line's column names (lowercased), for a file that does not look like JSON."""
    if looks_like_json(head):
        return []
    first = head.removeprefix(_BOM).split(b"\n", 1)[0].decode("utf-8", "replace").strip()
    delimiter = "\t" if "\t" in first else ","
    return [name.strip().strip('"').lower() for name in first.split(delimiter)]
