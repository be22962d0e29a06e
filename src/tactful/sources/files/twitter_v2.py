"""X/Twitter API v2 responses: ``{"data": [...], "includes": {"users": [...]}, "meta": {...}}``.

One saved page, JSON lines of pages (one response a line), or bare tweet
objects. ``author_id`` is resolved to a username through ``includes.users``
of the same page; the user found travels in ``RawRecord.meta`` so that
``map_item`` stays a pure function of the record.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tactful.records import Post
from tactful.sources.base import RawRecord
from tactful.sources.files.base import JsonPageFormat, formats
from tactful.sources.files.dates import parse_date
from tactful.sources.files.fields import (
    counts,
    entity_values,
    get_list,
    get_object,
    optional_id,
    optional_str,
    require_id,
    require_object,
    require_text,
    unescape_twitter,
)
from tactful.sources.files.reading import PageItems
from tactful.sources.files.sniff import has_any_key, has_keys, looks_like_json
from tactful.sources.files.twitter_archive import status_url

ENGAGEMENT = {
    "likes": "like_count",
    "reposts": "retweet_count",
    "replies": "reply_count",
    "quotes": "quote_count",
}
_V2_ONLY_KEYS = ("edit_history_tweet_ids", "public_metrics", "referenced_tweets", "conversation_id")


@formats.register("twitter-api-v2")
class TwitterApiV2(JsonPageFormat):
    name = "twitter-api-v2"
    priority = 30

    @classmethod
    def detect(cls, head: bytes, path: Path) -> bool:
        if not looks_like_json(head) or has_any_key(head, "inbound", "acct"):
            return False
        return (
            has_keys(head, "data")
            and has_any_key(head, "text", "includes", "meta")
            or (has_keys(head, "author_id", "text") and has_any_key(head, *_V2_ONLY_KEYS))
        )

    @staticmethod
    def expand_page(value: Any) -> PageItems | None:
        return expand_page(value)

    def map_item(self, raw: RawRecord) -> Post:
        tweet = require_object(raw.payload, "tweet")
        author = get_object(raw.meta, "author")
        username = optional_str(author.get("username"), "username")
        tweet_id = require_id(tweet.get("id"))
        entities = get_object(tweet, "entities")
        post = Post(
            platform="twitter",
            platform_id=tweet_id,
            text=unescape_twitter(require_text(_full_text(tweet))),
            created_at=parse_date(tweet.get("created_at")),
            source=f"file:{raw.source}",
            author_handle=username,
            author_name=optional_str(author.get("name"), "name"),
            author_id=optional_id(tweet.get("author_id"), "author_id"),
            url=status_url(username, tweet_id),
            lang=optional_str(tweet.get("lang"), "lang"),
            reply_to_id=_replied_to(tweet),
            reply_to_author=optional_str(get_object(raw.meta, "reply_to_user").get("username"), "username"),
            thread_id=optional_id(tweet.get("conversation_id"), "conversation_id"),
            mentions=entity_values(entities, "mentions", "username"),
            hashtags=entity_values(entities, "hashtags", "tag"),
            links=[_link(u) for u in get_list(entities, "urls") if isinstance(u, dict) and _link(u)],
            engagement=counts(get_object(tweet, "public_metrics"), ENGAGEMENT),
        )
        post.extra = {k: tweet[k] for k in ("possibly_sensitive", "reply_settings", "source") if k in tweet}
        return post


def expand_page(value: Any) -> PageItems | None:
    """A response page's tweets, each with its author (and replied-to user) from includes.users."""
    if not isinstance(value, dict) or not ({"data", "includes", "meta"} & value.keys()) or "text" in value:
        return None
    data = value.get("data")
    tweets = data if isinstance(data, list) else [data] if isinstance(data, dict) else []
    users = {u.get("id"): u for u in get_list(get_object(value, "includes"), "users") if isinstance(u, dict)}
    return [(tweet, _tweet_meta(tweet, users)) for tweet in tweets]


def _tweet_meta(tweet: Any, users: dict[Any, dict[str, Any]]) -> dict[str, Any]:
    if not isinstance(tweet, dict):
        return {}
    meta = {
        "author": users.get(tweet.get("author_id")),
        "reply_to_user": users.get(tweet.get("in_reply_to_user_id")),
    }
    return {k: v for k, v in meta.items() if v is not None}


def _full_text(tweet: dict[str, Any]) -> Any:
    """Long posts carry their whole text in note_tweet; ``text`` is then cut short."""
    note = get_object(tweet, "note_tweet").get("text")
    return note if isinstance(note, str) and note.strip() else tweet.get("text")


def _replied_to(tweet: dict[str, Any]) -> str | None:
    for ref in get_list(tweet, "referenced_tweets"):
        if isinstance(ref, dict) and ref.get("type") == "replied_to":
            return optional_id(ref.get("id"), "referenced_tweets.id")
    return None


def _link(entity: dict[str, Any]) -> str:
    for key in ("unwound_url", "expanded_url", "url"):
        if isinstance(entity.get(key), str):
            return str(entity[key])
    return ""
