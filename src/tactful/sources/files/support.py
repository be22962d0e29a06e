"""The "Customer Support on Twitter" dataset (Kaggle, thoughtvector): CSV, or JSON lines with the same keys.

Columns: tweet_id, author_id, inbound, created_at, text, response_tweet_id,
in_response_to_tweet_id. Customer author ids are already pseudonymous numbers
in the public release; brand accounts appear by name (SpotifyCares).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tactful.errors import MappingError
from tactful.records import Post
from tactful.sources.base import RawRecord
from tactful.sources.files.base import FileFormat, formats, source_label
from tactful.sources.files.dates import parse_date
from tactful.sources.files.delimited import read_csv_rows
from tactful.sources.files.fields import (
    optional_id,
    require_id,
    require_object,
    require_text,
    type_name,
    unescape_twitter,
)
from tactful.sources.files.reading import read_head, read_json_items
from tactful.sources.files.sniff import csv_header, has_keys, looks_like_json
from tactful.sources.files.twitter_archive import status_url

KEYS = ("tweet_id", "author_id", "inbound", "created_at", "text")
_TRUE, _FALSE = ("true", "1", "yes"), ("false", "0", "no", "")


@formats.register("support-csv")
class CustomerSupport(FileFormat):
    name = "support-csv"
    priority = 20  # its JSON lines would otherwise pass for generic jsonl

    @classmethod
    def detect(cls, head: bytes, path: Path) -> bool:
        if looks_like_json(head):
            return has_keys(head, "tweet_id", "inbound", "author_id")
        return {"tweet_id", "inbound", "author_id", "text"} <= set(csv_header(head))

    def read(self, path: Path) -> Iterator[RawRecord]:
        source = source_label(path)
        if looks_like_json(read_head(path, 4096)):
            return read_json_items(
                path, source, record_limit=self.max_record_bytes, page_limit=self.max_page_bytes
            )
        return read_csv_rows(path, source, self.max_record_bytes)

    def map_item(self, raw: RawRecord) -> Post:
        row = require_object(raw.payload)
        author = require_id(row.get("author_id"), "author_id")
        tweet_id = require_id(row.get("tweet_id"), "tweet_id")
        post = Post(
            platform="twitter",
            platform_id=tweet_id,
            text=unescape_twitter(require_text(row.get("text"))),
            created_at=parse_date(row.get("created_at")),
            source=f"file:{raw.source}",
            author_handle=author,
            author_id=author,
            url=status_url(None, tweet_id),
            reply_to_id=optional_id(row.get("in_response_to_tweet_id"), "in_response_to_tweet_id"),
        )
        post.extra = {"inbound": _inbound(row.get("inbound"))}
        if responses := _id_list(row.get("response_tweet_id")):
            post.extra["response_tweet_ids"] = responses
        post.extra.update({k: v for k, v in row.items() if k not in KEYS and k not in _MAPPED})
        return post


_MAPPED = ("response_tweet_id", "in_response_to_tweet_id")


def _inbound(value: Any) -> bool:
    """A JSON boolean, or the CSV's True/False."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE + _FALSE:
        return value.strip().lower() in _TRUE
    raise MappingError(f"inbound is a {type_name(value)}, not true/false", code="wrong_type")


def _id_list(value: Any) -> list[str]:
    """response_tweet_id: one id, or several comma-separated in the CSV."""
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    text = optional_id(value, "response_tweet_id") or ""
    return [optional_id(part.strip(), "response_tweet_id") or "" for part in text.split(",") if part.strip()]
