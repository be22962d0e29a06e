"""The documented field mapping for generic posts (JSON lines and CSV).

Each Post field is read from the first key present among its aliases; an
explicit mapping (``--map text=body``) replaces the aliases for that field.
Keys that map to nothing are kept in ``Post.extra``, so nothing is lost.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tactful.errors import MappingError, UsageError
from tactful.records import Post
from tactful.sources.files.dates import parse_date
from tactful.sources.files.fields import count, optional_id, optional_str, require_id, require_text, type_name

ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "platform_id", "id_str", "post_id", "tweet_id", "status_id"),
    "text": ("text", "full_text", "content", "body", "message"),
    "created_at": (
        "created_at",
        "created",
        "date",
        "timestamp",
        "time",
        "datetime",
        "published_at",
        "published",
        "createdAt",
    ),
    "author": ("author", "author_handle", "handle", "user", "screen_name", "username", "user_name", "acct"),
    "author_name": ("author_name", "display_name", "user_display_name", "name"),
    "author_id": ("author_id", "user_id", "account_id"),
    "lang": ("lang", "language"),
    "url": ("url", "link", "permalink"),
    "reply_to_id": (
        "reply_to_id",
        "in_reply_to_id",
        "in_reply_to_status_id_str",
        "in_reply_to_status_id",
        "in_response_to_tweet_id",
        "parent_id",
    ),
    "reply_to_author": ("reply_to_author", "in_reply_to_screen_name"),
    "thread_id": ("thread_id", "conversation_id"),
    "platform": ("platform",),
    "mentions": ("mentions",),
    "hashtags": ("hashtags", "tags"),
    "links": ("links", "urls"),
}
"""Post field -> keys tried in order. ``author`` may also be an object with a handle inside."""

ENGAGEMENT: dict[str, tuple[str, ...]] = {
    "likes": ("likes", "like_count", "favorite_count", "favourites_count"),
    "reposts": ("reposts", "retweets", "retweet_count", "repost_count", "reblogs_count"),
    "replies": ("replies", "reply_count", "replies_count"),
    "quotes": ("quotes", "quote_count"),
}

DEFAULT_PLATFORM = "generic"
_AUTHOR_HANDLE_KEYS = ("screen_name", "username", "handle", "acct")
_AUTHOR_NAME_KEYS = ("name", "display_name", "displayName")
_AUTHOR_ID_KEYS = ("id_str", "id", "did")


def check_mapping(mapping: Mapping[str, str]) -> dict[str, str]:
    """Validate a --map mapping (Post field -> key in the file)."""
    unknown = sorted(set(mapping) - set(ALIASES))
    if unknown:
        known = ", ".join(sorted(ALIASES))
        raise UsageError(f"--map: unknown field(s) {', '.join(unknown)} (known: {known})")
    return dict(mapping)


class FieldPicker:
    """Reads Post fields from one record through the aliases, remembering which keys it used."""

    def __init__(self, record: Mapping[str, Any], mapping: Mapping[str, str]) -> None:
        self.record = record
        self.mapping = mapping
        self.used: set[str] = set()

    def get(self, field: str) -> tuple[str | None, Any]:
        keys = (self.mapping[field],) if field in self.mapping else ALIASES[field]
        for key in keys:
            value = self.record.get(key)
            if value is not None and value != "":
                self.used.add(key)
                return key, value
        return None, None

    def value(self, field: str) -> Any:
        return self.get(field)[1]

    def platform(self) -> str:
        """The platform column's value; a --map platform=NAME naming no column is the platform itself."""
        key, value = self.get("platform")
        if key is None and "platform" in self.mapping:
            return self.mapping["platform"]
        return optional_str(value, "platform") or DEFAULT_PLATFORM

    def extra(self) -> dict[str, Any]:
        return {k: v for k, v in self.record.items() if k not in self.used}


def map_generic(record: Mapping[str, Any], mapping: Mapping[str, str], source: str) -> Post:
    pick = FieldPicker(record, mapping)
    author = _author(pick)
    post = Post(
        platform=pick.platform(),
        platform_id=require_id(pick.value("id")),
        text=require_text(pick.value("text")),
        created_at=parse_date(pick.value("created_at")),
        source=f"file:{source}",
        author_handle=author[0],
        author_name=author[1] or optional_str(pick.value("author_name"), "author_name"),
        author_id=optional_id(pick.value("author_id"), "author_id") or author[2],
        url=optional_str(pick.value("url"), "url"),
        lang=optional_str(pick.value("lang"), "lang"),
        reply_to_id=optional_id(pick.value("reply_to_id"), "reply_to_id"),
        reply_to_author=optional_str(pick.value("reply_to_author"), "reply_to_author"),
        thread_id=optional_id(pick.value("thread_id"), "thread_id"),
        mentions=_strings(pick.value("mentions")),
        hashtags=_strings(pick.value("hashtags")),
        links=_strings(pick.value("links")),
        engagement=_engagement(pick),
    )
    post.extra = pick.extra()
    return post


def _author(pick: FieldPicker) -> tuple[str | None, str | None, str | None]:
    """(handle, display name, id): ``author`` is a handle, or an object holding them (tweets v1.1)."""
    value = pick.value("author")
    if isinstance(value, dict):
        return (
            _first_str(value, _AUTHOR_HANDLE_KEYS),
            _first_str(value, _AUTHOR_NAME_KEYS),
            _first_str(value, _AUTHOR_ID_KEYS),
        )
    if value is not None and not isinstance(value, str | int):
        raise MappingError(f"author is a {type_name(value)}, not a handle", code="wrong_type")
    return (str(value) if value is not None else None), None, None


def _first_str(source: Mapping[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = source.get(key)
        if isinstance(value, str | int) and not isinstance(value, bool) and value != "":
            return str(value)
    return None


def _strings(value: Any) -> list[str]:
    """A list of handles/tags/links given by the file; a CSV cell may hold them space-separated."""
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _engagement(pick: FieldPicker) -> dict[str, int]:
    out: dict[str, int] = {}
    for name, keys in ENGAGEMENT.items():
        for key in keys:
            if key in pick.record and (value := count(pick.record[key])) is not None:
                pick.used.add(key)
                out[name] = value
                break
    return out
