"""Generic posts as JSON lines (also a JSON array of them), through the documented field mapping."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tactful.records import Post
from tactful.sources.base import RawRecord
from tactful.sources.files.base import FileFormat, formats, source_label
from tactful.sources.files.fields import require_object
from tactful.sources.files.generic import ALIASES, check_mapping, map_generic
from tactful.sources.files.reading import PageItems, read_json_items

_STARTS_JSON = re.compile(rb"^(\xef\xbb\xbf)?\s*[\[{]")
PAGE_KEYS = ("posts", "items", "results", "records", "data")


@formats.register("jsonl")
class JsonLines(FileFormat):
    name = "jsonl"
    priority = 90  # the catch-all for JSON: every specific JSON format is tried first
    accepts_mapping = True

    def __init__(self, **options: object) -> None:
        super().__init__(**options)  # type: ignore[arg-type]
        self.mapping = check_mapping(self.mapping)

    @classmethod
    def detect(cls, head: bytes, path: Path) -> bool:
        return path.suffix.lower() in (".jsonl", ".ndjson", ".json") or bool(_STARTS_JSON.match(head))

    def read(self, path: Path) -> Iterator[RawRecord]:
        return read_json_items(
            path,
            source_label(path),
            record_limit=self.max_record_bytes,
            page_limit=self.max_page_bytes,
            expand=expand_page,
            pages_in_lines=False,  # one post a line: lines keep the record limit
        )

    def map_item(self, raw: RawRecord) -> Post:
        return map_generic(require_object(raw.payload), self.mapping, raw.source)


def expand_page(value: Any) -> PageItems | None:
    """A wrapper like ``{"posts": [...], "cursor": ...}`` that is not itself a post: its list of posts."""
    if not isinstance(value, dict) or any(key in value for key in ALIASES["id"] + ALIASES["text"]):
        return None
    for key in PAGE_KEYS:
        if isinstance(value.get(key), list):
            return [(item, {}) for item in value[key]]
    return None
