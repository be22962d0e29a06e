"""An X/Twitter account archive's ``tweets.js``: ``window.YTD.tweets.part0 = [ {"tweet": {...}}, ... ]``.

The file is one JavaScript assignment of one big array; it is streamed item by
item. Archive tweets carry no author: when the archive's ``account.js`` sits
next to ``tweets.js`` its username and account id are used (nothing else from it).
Counts and indices are strings in archives; ``created_at`` is "Tue Oct 31 23:36:20 +0000 2017".
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tactful.records import Post
from tactful.sources.base import RawRecord
from tactful.sources.files.base import FileFormat, formats, source_label
from tactful.sources.files.dates import parse_date
from tactful.sources.files.fields import (
    counts,
    entity_values,
    get_object,
    optional_id,
    optional_str,
    require_id,
    require_object,
    require_text,
    unescape_twitter,
)
from tactful.sources.files.reading import read_json_array, stream_array

# Only the account's own tweets: never direct messages, likes or deleted tweets from the same archive.
_ASSIGNMENT = re.compile(rb"^(\xef\xbb\xbf)?\s*window\.YTD\.tweets?\.part\d+\s*=")
_ACCOUNT_BYTES = 1 << 16
ENGAGEMENT = {"likes": "favorite_count", "reposts": "retweet_count"}


@formats.register("twitter-archive")
class TwitterArchive(FileFormat):
    name = "twitter-archive"
    priority = 10

    @classmethod
    def detect(cls, head: bytes, path: Path) -> bool:
        return bool(_ASSIGNMENT.match(head))

    def read(self, path: Path) -> Iterator[RawRecord]:
        source = source_label(path)
        account = read_account(path.with_name("account.js"))
        for record in read_json_array(path, source, self.max_record_bytes):
            record.meta.update(account)
            yield record

    def map_item(self, raw: RawRecord) -> Post:
        item = require_object(raw.payload)
        tweet = require_object(item.get("tweet", item), "tweet")
        account = {k: v for k, v in raw.meta.items() if isinstance(v, str)}  # from account.js, via read()
        username = account.get("username")
        entities = get_object(tweet, "entities")
        tweet_id = require_id(tweet.get("id_str") or tweet.get("id"), "id_str")
        post = Post(
            platform="twitter",
            platform_id=tweet_id,
            text=unescape_twitter(require_text(tweet.get("full_text", tweet.get("text")), "full_text")),
            created_at=parse_date(tweet.get("created_at")),
            source=f"file:{raw.source}",
            author_handle=username,
            author_name=account.get("display_name"),
            author_id=account.get("account_id"),
            url=status_url(username, tweet_id),
            lang=optional_str(tweet.get("lang"), "lang"),
            reply_to_id=optional_id(tweet.get("in_reply_to_status_id_str"), "in_reply_to_status_id_str"),
            reply_to_author=optional_str(tweet.get("in_reply_to_screen_name"), "in_reply_to_screen_name"),
            mentions=entity_values(entities, "user_mentions", "screen_name"),
            hashtags=entity_values(entities, "hashtags", "text"),
            links=entity_values(entities, "urls", "expanded_url"),
            engagement=counts(tweet, ENGAGEMENT),
        )
        post.extra = {k: tweet[k] for k in ("source", "retweeted", "possibly_sensitive") if k in tweet}
        return post


def status_url(username: str | None, tweet_id: str) -> str:
    return f"https://twitter.com/{username or 'i/web'}/status/{tweet_id}"


def read_account(path: Path) -> dict[str, Any]:
    """username, account_id and display_name from the archive's account.js, if present and readable."""
    try:
        with path.open("rb") as stream:
            text = stream.read(_ACCOUNT_BYTES).decode("utf-8")
        first = next(stream_array(io.StringIO(text), path.name, _ACCOUNT_BYTES))
        account = first.payload["account"]
    except (OSError, UnicodeDecodeError, StopIteration, KeyError, TypeError):
        return {}
    if not isinstance(account, dict):
        return {}
    out = {
        "username": account.get("username"),
        "account_id": account.get("accountId"),
        "display_name": account.get("accountDisplayName"),
    }
    return {k: v for k, v in out.items() if isinstance(v, str) and v}
