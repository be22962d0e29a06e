"""Bluesky posts: ``app.bsky.feed.defs#postView`` (searchPosts, getPostThread, feeds) or bare records.

A postView is ``{uri, cid, author{did, handle, displayName, labels}, record{text,
createdAt, langs, facets, reply, tags}, likeCount, repostCount, replyCount,
quoteCount, indexedAt}``. A bare record is the ``app.bsky.feed.post`` record
itself with ``uri`` (and optionally ``author``) beside its fields. Files may be
a JSON array, JSON lines, or pages like ``{"posts": [...]}`` / ``{"feed": [{"post": ...}]}``.

Facets locate mentions, links and tags by UTF-8 *byte* offsets into the text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tactful.errors import MappingError
from tactful.records import Post
from tactful.sources.base import RawRecord
from tactful.sources.files.base import JsonPageFormat, formats
from tactful.sources.files.dates import parse_date
from tactful.sources.files.fields import (
    counts,
    dedupe,
    get_list,
    get_object,
    optional_str,
    require_id,
    require_object,
    require_text,
)
from tactful.sources.files.reading import PageItems
from tactful.sources.files.sniff import has_any_key, looks_like_json

ENGAGEMENT = {"likes": "likeCount", "reposts": "repostCount", "replies": "replyCount", "quotes": "quoteCount"}
_FACET = "app.bsky.richtext.facet#"
_PAGE_KEYS = ("posts", "feed", "thread")
_NO_UNAUTHENTICATED = "!no-unauthenticated"


@formats.register("bluesky-json")
class BlueskyPosts(JsonPageFormat):
    name = "bluesky-json"
    priority = 40

    @classmethod
    def detect(cls, head: bytes, path: Path) -> bool:
        return (
            looks_like_json(head)
            and (b'"at://' in head or b'"app.bsky.feed.' in head)
            and has_any_key(head, "createdAt", "record", "indexedAt", "facets")
        )

    @staticmethod
    def expand_page(value: Any) -> PageItems | None:
        return expand_page(value)

    def map_item(self, raw: RawRecord) -> Post:
        view = require_object(raw.payload, "post")
        record = get_object(view, "record") if "record" in view else view
        author = _author(view.get("author"))
        uri = require_id(view.get("uri"), "uri")
        did = author.get("did") or _did_from_uri(uri)
        text = require_text(record.get("text"))
        facets = read_facets(text, get_list(record, "facets"))
        reply = get_object(record, "reply")
        post = Post(
            platform="bluesky",
            platform_id=uri,
            text=text,
            created_at=parse_date(record.get("createdAt") or view.get("indexedAt"), "createdAt"),
            source=f"file:{raw.source}",
            author_handle=optional_str(author.get("handle"), "author.handle"),
            author_name=optional_str(author.get("displayName"), "author.displayName"),
            author_id=did,
            url=post_url(author.get("handle") or did, uri),
            lang=_first_lang(record.get("langs")),
            reply_to_id=optional_str(get_object(reply, "parent").get("uri"), "reply.parent.uri"),
            thread_id=optional_str(get_object(reply, "root").get("uri"), "reply.root.uri"),
            mentions=facets["mentions"],
            hashtags=dedupe(
                facets["tags"] + [t.lower() for t in get_list(record, "tags") if isinstance(t, str)]
            ),
            links=facets["links"],
            engagement=counts(view, ENGAGEMENT),
            author_flags=_author_flags(author),
        )
        extra = (
            ("cid", view.get("cid")),
            ("root_cid", get_object(reply, "root").get("cid")),
            ("mention_dids", facets["dids"]),
        )
        post.extra = {k: v for k, v in extra if v}
        return post


def expand_page(value: Any) -> PageItems | None:
    """Pages: searchPosts ``{"posts": [...]}``, feeds ``{"feed": [{"post": ...}]}``, ``{"thread": ...}``."""
    if not isinstance(value, dict) or "uri" in value or not any(k in value for k in _PAGE_KEYS):
        return None
    if "thread" in value:
        return [(post, {}) for post in _thread_posts(value["thread"])]
    items = value.get("posts") if "posts" in value else value.get("feed")
    posts = [item.get("post", item) if isinstance(item, dict) else item for item in items or []]
    return [(post, {}) for post in posts]


def _thread_posts(node: Any) -> list[Any]:
    """The posts of a threadViewPost tree: parents first, then the post, then its replies."""
    if not isinstance(node, dict) or "post" not in node:
        return []
    return (
        _thread_posts(node.get("parent"))
        + [node["post"]]
        + [p for reply in get_list(node, "replies") for p in _thread_posts(reply)]
    )


def read_facets(text: str, facets: list[Any]) -> dict[str, list[str]]:
    """Mentions (handles, from the text the facet covers), DIDs, links and tags from rich-text facets."""
    data = text.encode("utf-8")
    found: dict[str, list[str]] = {"mentions": [], "dids": [], "links": [], "tags": []}
    for facet in facets:
        if not isinstance(facet, dict):
            continue
        covered = _covered(data, get_object(facet, "index"))
        for feature in get_list(facet, "features"):
            if isinstance(feature, dict):
                _add_feature(found, feature, covered)
    return {kind: dedupe(values) for kind, values in found.items()}


def _covered(data: bytes, index: dict[str, Any]) -> str:
    start, end = index.get("byteStart"), index.get("byteEnd")
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(data):
        return ""
    return data[start:end].decode("utf-8", "replace")


def _add_feature(found: dict[str, list[str]], feature: dict[str, Any], covered: str) -> None:
    kind = str(feature.get("$type", "")).removeprefix(_FACET)
    if kind == "mention":
        if covered.startswith("@"):
            found["mentions"].append(covered[1:].lower())
        if isinstance(feature.get("did"), str):
            found["dids"].append(feature["did"])
    elif kind == "link" and isinstance(feature.get("uri"), str):
        found["links"].append(feature["uri"])
    elif kind == "tag" and isinstance(feature.get("tag"), str):
        found["tags"].append(feature["tag"].lstrip("#").lower())


def _author(value: Any) -> dict[str, Any]:
    """profileViewBasic, or a bare DID/handle string."""
    if isinstance(value, dict):
        return value
    if isinstance(value, str):
        return {"did": value} if value.startswith("did:") else {"handle": value}
    if value is None:
        return {}
    raise MappingError("author is not an object", code="wrong_type")


def _author_flags(author: dict[str, Any]) -> list[str]:
    labels = [label.get("val") for label in get_list(author, "labels") if isinstance(label, dict)]
    return ["no-unauthenticated"] if _NO_UNAUTHENTICATED in labels else []


def _did_from_uri(uri: str) -> str | None:
    """at://did:plc:xyz/app.bsky.feed.post/rkey -> did:plc:xyz"""
    authority = uri.removeprefix("at://").split("/", 1)[0]
    return authority if authority.startswith("did:") else None


def post_url(actor: str | None, uri: str) -> str | None:
    rkey = uri.rstrip("/").rsplit("/", 1)[-1]
    if not actor or not uri.startswith("at://") or "/app.bsky.feed.post/" not in uri:
        return None
    return f"https://bsky.app/profile/{actor}/post/{rkey}"


def _first_lang(langs: Any) -> str | None:
    if isinstance(langs, list) and langs and isinstance(langs[0], str):
        return langs[0]
    return None
