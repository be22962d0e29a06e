"""Mastodon Status entities (``/api/v1/statuses``, timelines, ``/api/v2/search``).

A file is a JSON array of statuses, JSON lines, or a v2 search page
``{"statuses": [...]}``. ``content`` is HTML and becomes plain text. A boost
(``reblog``) is mapped as the boosted status. Handles are made global: a local
``acct`` ("alice") gets the host of its profile URL ("alice@mastodon.social").
Author flags: ``noindex`` when the account sets ``noindex`` or ``indexable: false``;
``nobot`` when its bio carries #nobot.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from tactful.records import Post
from tactful.sources.base import RawRecord
from tactful.sources.files.base import JsonPageFormat, formats
from tactful.sources.files.dates import parse_date
from tactful.sources.files.fields import (
    counts,
    dedupe,
    get_list,
    get_object,
    optional_id,
    optional_str,
    require_id,
    require_object,
    require_text,
)
from tactful.sources.files.html_text import html_to_text
from tactful.sources.files.reading import PageItems
from tactful.sources.files.sniff import has_any_key, has_keys, looks_like_json

ENGAGEMENT = {"likes": "favourites_count", "reposts": "reblogs_count", "replies": "replies_count"}
_NOBOT = re.compile(r"#nobot\b", re.IGNORECASE)


@formats.register("mastodon-json")
class MastodonStatuses(JsonPageFormat):
    name = "mastodon-json"
    priority = 50

    @classmethod
    def detect(cls, head: bytes, path: Path) -> bool:
        return (
            looks_like_json(head)
            and has_keys(head, "acct", "content")
            and has_any_key(head, "account", "reblogs_count", "favourites_count", "visibility")
        )

    @staticmethod
    def expand_page(value: Any) -> PageItems | None:
        return expand_page(value)

    def map_item(self, raw: RawRecord) -> Post:
        status = require_object(raw.payload, "status")
        if isinstance(status.get("reblog"), dict):
            status = status["reblog"]
        account = get_object(status, "account")
        content = html_to_text(require_text(status.get("content"), "content"))
        mentions = get_list(status, "mentions")
        post = Post(
            platform="mastodon",
            platform_id=require_id(status.get("id")),
            text=require_text(content.text, "content"),
            created_at=parse_date(status.get("created_at")),
            source=f"file:{raw.source}",
            author_handle=global_acct(account),
            author_name=optional_str(account.get("display_name"), "account.display_name"),
            author_id=optional_str(account.get("uri") or account.get("url"), "account.uri")
            or global_acct(account),
            url=optional_str(status.get("url") or status.get("uri"), "url"),
            lang=optional_str(status.get("language"), "language"),
            reply_to_id=optional_id(status.get("in_reply_to_id"), "in_reply_to_id"),
            reply_to_author=_replied_acct(status.get("in_reply_to_account_id"), account, mentions),
            is_direct_message=status.get("visibility") == "direct",
            mentions=dedupe([h.lower() for m in mentions if isinstance(m, dict) and (h := global_acct(m))]),
            hashtags=dedupe(
                [
                    t["name"].lower()
                    for t in get_list(status, "tags")
                    if isinstance(t, dict) and isinstance(t.get("name"), str)
                ]
            ),
            links=content.links,
            engagement=counts(status, ENGAGEMENT),
            author_flags=author_flags(account),
        )
        post.extra = {
            k: status[k] for k in ("uri", "visibility", "spoiler_text", "sensitive") if status.get(k)
        }
        return post


def expand_page(value: Any) -> PageItems | None:
    """A v2 search page ``{"accounts": [...], "statuses": [...], "hashtags": [...]}``: its statuses."""
    if isinstance(value, dict) and "statuses" in value and "content" not in value:
        return [(status, {}) for status in get_list(value, "statuses")]
    return None


def global_acct(account: dict[str, Any]) -> str | None:
    """``user@host`` for an account or mention; a local ``acct`` takes its host from the profile URL."""
    acct = account.get("acct") or account.get("username")
    if not isinstance(acct, str) or not acct:
        return None
    if "@" in acct:
        return acct
    host = urlparse(str(account.get("url") or "")).hostname
    return f"{acct}@{host}" if host else acct


def _replied_acct(account_id: Any, author: dict[str, Any], mentions: list[Any]) -> str | None:
    """The replied-to account's handle: the author (a self-thread) or one of the mentions."""
    if account_id is None:
        return None
    for candidate in [author, *mentions]:
        if isinstance(candidate, dict) and str(candidate.get("id")) == str(account_id):
            return global_acct(candidate)
    return None


def author_flags(account: dict[str, Any]) -> list[str]:
    flags = []
    if account.get("noindex") is True or account.get("indexable") is False:
        flags.append("noindex")
    if _NOBOT.search(html_to_text(str(account.get("note") or "")).text):
        flags.append("nobot")
    return flags
