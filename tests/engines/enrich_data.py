"""Generic JSON-lines posts for the enrich tests: a mix that exercises every accounting bucket."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

OPTED_OUT_AUTHOR = "quiet.person"
MIXED_LINES: list[Any] = [
    {
        "id": "1",
        "text": "@acme.bsky.social my order never arrived",
        "created_at": "2024-05-01T10:00:00Z",
        "author": "ann",
        "platform": "bluesky",
    },
    {
        "id": "2",
        "text": "globex is cheaper than acme",
        "created_at": "2024-05-02T11:00:00Z",
        "author": "bob",
        "platform": "bluesky",
    },
    {"id": "3", "text": "lovely weather today", "created_at": "2024-05-02T12:00:00Z", "author": "cy"},
    "{not json",
    {"id": "4", "created_at": "2024-05-02T12:00:00Z"},
    {
        "id": "5",
        "text": "acme again",
        "created_at": "2024-05-03T09:00:00Z",
        "author": OPTED_OUT_AUTHOR,
        "platform": "bluesky",
    },
    {
        "id": "1",
        "text": "@acme.bsky.social my order never arrived",
        "created_at": "2024-05-01T10:00:00Z",
        "author": "ann",
        "platform": "bluesky",
    },
    {
        "id": "6",
        "text": "acme support called me back on +44 20 7946 0958, thanks",
        "created_at": "2024-05-03T23:59:59+00:00",
        "author": "dee",
        "platform": "bluesky",
    },
]
"""read 8 = written 3 (ids 1, 2, 6) + not matched 1 + withheld 1 (opted out) + duplicate 1 + rejected 2."""


def write_lines(path: Path, lines: list[Any]) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for line in lines:
            out.write((line if isinstance(line, str) else json.dumps(line)) + "\n")
    return path
