"""Render planned demo posts in each platform's native export shape.

Shapes follow the platforms' own documentation (see ``data/README.md``):
Bluesky ``app.bsky.feed.defs#postView`` (one per line), Mastodon ``Status``
entities (a JSON array, as the REST API answers), X/Twitter API v2 search pages
(``data`` + ``includes.users`` + ``meta``), and a generic listening-tool CSV.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import re
from datetime import datetime, timedelta
from typing import Any

from tactful.demo.plan import LOCAL_INSTANCE, Author, PlannedPost

URL_RE = re.compile(r"https?://[^\s]+[^\s.,!?)]")
TAG_RE = re.compile(r"(?<![\w&])#(\w+)")
BSKY_MENTION_RE = re.compile(r"@([a-z0-9][a-z0-9.-]*\.[a-z]+)")
MASTODON_MENTION_RE = re.compile(r"@([a-z0-9_]+)@([a-z0-9.-]+\.[a-z]+)")
TWITTER_MENTION_RE = re.compile(r"@(\w{1,15})")
CID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"


def iso_z(when: datetime, *, millis: bool = True) -> str:
    stamp = when.strftime("%Y-%m-%dT%H:%M:%S")
    return f"{stamp}.{when.microsecond // 1000:03d}Z" if millis else stamp + "Z"


def fake_cid(seed: str) -> str:
    digest = hashlib.sha512(seed.encode()).digest()
    return "bafyrei" + "".join(CID_ALPHABET[b % 32] for b in digest[:52])


# --- Bluesky -------------------------------------------------------------------------------------


def byte_slice(text: str, start: int, end: int) -> dict[str, int]:
    """Facet indices count UTF-8 bytes, not characters."""
    return {"byteStart": len(text[:start].encode()), "byteEnd": len(text[:end].encode())}


def bluesky_facets(post: PlannedPost) -> list[dict[str, Any]]:
    dids = {a.handle: a.account_id for a in post.mentioned}
    facets: list[tuple[int, dict[str, Any]]] = []
    for m in BSKY_MENTION_RE.finditer(post.text):
        if m.group(1) in dids:
            facets.append(
                (
                    m.start(),
                    {
                        "index": byte_slice(post.text, m.start(), m.end()),
                        "features": [{"$type": "app.bsky.richtext.facet#mention", "did": dids[m.group(1)]}],
                    },
                )
            )
    for m in URL_RE.finditer(post.text):
        facets.append(
            (
                m.start(),
                {
                    "index": byte_slice(post.text, m.start(), m.end()),
                    "features": [{"$type": "app.bsky.richtext.facet#link", "uri": m.group(0)}],
                },
            )
        )
    for m in TAG_RE.finditer(post.text):
        facets.append(
            (
                m.start(),
                {
                    "index": byte_slice(post.text, m.start(), m.end()),
                    "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": m.group(1)}],
                },
            )
        )
    return [facet for _, facet in sorted(facets, key=lambda pair: pair[0])]


def bluesky_author(author: Author) -> dict[str, Any]:
    labels = []
    if "noindex" in author.flags:
        labels.append(
            {
                "src": author.account_id,
                "uri": f"at://{author.account_id}/app.bsky.actor.profile/self",
                "cid": fake_cid(author.handle + "profile"),
                "val": "!no-unauthenticated",
                "cts": iso_z(author.created_at),
            }
        )
    return {
        "did": author.account_id,
        "handle": author.handle,
        "displayName": author.name,
        "avatar": f"https://cdn.bsky.example/img/avatar/plain/{author.account_id}/{fake_cid(author.handle)}@jpeg",
        "labels": labels,
        "createdAt": iso_z(author.created_at),
    }


def strong_ref(post: PlannedPost) -> dict[str, str]:
    return {"uri": post.platform_id, "cid": fake_cid(post.platform_id)}


def bluesky_post_view(post: PlannedPost) -> dict[str, Any]:
    record: dict[str, Any] = {
        "$type": "app.bsky.feed.post",
        "createdAt": iso_z(post.created_at),
        "langs": [post.section.lang],
        "text": post.text,
    }
    facets = bluesky_facets(post)
    if facets:
        record["facets"] = facets
    if post.reply_to is not None:
        record["reply"] = {
            "root": strong_ref(post.root or post.reply_to),
            "parent": strong_ref(post.reply_to),
        }
    m = post.metrics
    return {
        "uri": post.platform_id,
        "cid": fake_cid(post.platform_id),
        "author": bluesky_author(post.author),
        "record": record,
        "replyCount": m["replies"],
        "repostCount": m["reposts"],
        "likeCount": m["likes"],
        "quoteCount": m["quotes"],
        "indexedAt": iso_z(post.created_at + timedelta(seconds=2)),
        "labels": [],
    }


# --- Mastodon ------------------------------------------------------------------------------------


def mastodon_acct(author: Author) -> str:
    """Accounts on the exporting instance show a bare username; remote ones user@domain."""
    user, _, domain = author.handle.partition("@")
    return user if domain == LOCAL_INSTANCE else author.handle


def mastodon_account(author: Author) -> dict[str, Any]:
    user, _, domain = author.handle.partition("@")
    note = author.bio if author.bio.startswith("<p>") else mastodon_html(author.bio) if author.bio else ""
    hidden = "noindex" in author.flags
    seed = int(author.account_id[-6:])
    followers = 48_210 + seed % 1000 if author.is_brand else seed % 400
    return {
        "id": author.account_id,
        "username": user,
        "acct": mastodon_acct(author),
        "display_name": author.name,
        "locked": False,
        "bot": False,
        "discoverable": not hidden,
        "indexable": not hidden,
        "group": False,
        "created_at": author.created_at.strftime("%Y-%m-%dT00:00:00.000Z"),
        "note": note,
        "url": f"https://{domain}/@{user}",
        "uri": f"https://{domain}/users/{user}",
        "avatar": f"https://{domain}/avatars/original/missing.png",
        "avatar_static": f"https://{domain}/avatars/original/missing.png",
        "header": f"https://{domain}/headers/original/missing.png",
        "header_static": f"https://{domain}/headers/original/missing.png",
        "followers_count": followers,
        "following_count": seed % 300,
        "statuses_count": seed % 2000 + 12,
        "last_status_at": None,
        "hide_collections": False,
        "noindex": hidden,
        "emojis": [],
        "fields": [],
    }


def _mastodon_mention_html(m: re.Match[str]) -> str:
    user, domain = m.group(1), m.group(2)
    return (
        f'<span class="h-card" translate="no"><a href="https://{domain}/@{user}" class="u-url mention">'
        f"@<span>{user}</span></a></span>"
    )


def _mastodon_link_html(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return (
        f'<a href="{url}" target="_blank" rel="nofollow noopener" translate="no">'
        f'<span class="invisible">{scheme}://</span><span class="">{rest}</span>'
        '<span class="invisible"></span></a>'
    )


def mastodon_html(text: str) -> str:
    """Render plain text as Mastodon does: escaped, with mention, hashtag and link anchors, in a <p>."""
    out, pos = [], 0
    pattern = re.compile(f"{MASTODON_MENTION_RE.pattern}|{URL_RE.pattern}|{TAG_RE.pattern}")
    for m in pattern.finditer(text):
        out.append(html.escape(text[pos : m.start()], quote=True))
        token = m.group(0)
        if token.startswith("#"):
            tag = token[1:]
            out.append(
                f'<a href="https://{LOCAL_INSTANCE}/tags/{tag.lower()}" class="mention hashtag" '
                f'rel="tag">#<span>{tag}</span></a>'
            )
        elif token.startswith("@"):
            out.append(_mastodon_mention_html(MASTODON_MENTION_RE.match(token)))  # type: ignore[arg-type]
        else:
            out.append(_mastodon_link_html(token))
        pos = m.end()
    out.append(html.escape(text[pos:], quote=True))
    return "<p>" + "".join(out) + "</p>"


def mastodon_status(post: PlannedPost) -> dict[str, Any]:
    user, _, domain = post.author.handle.partition("@")
    mentions = [
        {
            "id": a.account_id,
            "username": a.handle.partition("@")[0],
            "url": "https://{1}/@{0}".format(*a.handle.split("@")),
            "acct": mastodon_acct(a),
        }
        for a in post.mentioned
    ]
    tags = [
        {"name": t.lower(), "url": f"https://{LOCAL_INSTANCE}/tags/{t.lower()}"}
        for t in TAG_RE.findall(post.text)
    ]
    m = post.metrics
    return {
        "id": post.platform_id,
        "created_at": iso_z(post.created_at),
        "in_reply_to_id": post.reply_to.platform_id if post.reply_to else None,
        "in_reply_to_account_id": post.reply_to.author.account_id if post.reply_to else None,
        "sensitive": False,
        "spoiler_text": "",
        "visibility": "public",
        "language": post.section.lang,
        "uri": f"https://{domain}/users/{user}/statuses/{post.platform_id}",
        "url": f"https://{domain}/@{user}/{post.platform_id}",
        "replies_count": m["replies"],
        "reblogs_count": m["reposts"],
        "favourites_count": m["likes"],
        "quotes_count": m["quotes"],
        "edited_at": None,
        "content": mastodon_html(post.text),
        "reblog": None,
        "application": None,
        "account": mastodon_account(post.author),
        "media_attachments": [],
        "mentions": mentions,
        "tags": tags,
        "emojis": [],
        "card": None,
        "poll": None,
    }


# --- X / Twitter API v2 --------------------------------------------------------------------------


TCO_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def tco(url: str) -> str:
    """Twitter's shortened form of a link: ten mixed-case letters and digits."""
    digest = hashlib.sha256(url.encode()).digest()
    return "https://t.co/" + "".join(TCO_ALPHABET[b % 62] for b in digest[:10])


def twitter_text_and_entities(post: PlannedPost) -> tuple[str, dict[str, Any]]:
    """Links become t.co links in the text; entity offsets count characters of the final text."""
    text = URL_RE.sub(lambda m: tco(m.group(0)), post.text)
    ids = {a.handle.lower(): a.account_id for a in post.mentioned}
    entities: dict[str, Any] = {}
    mentions = [
        {"start": m.start(), "end": m.end(), "username": m.group(1), "id": ids[m.group(1).lower()]}
        for m in TWITTER_MENTION_RE.finditer(text)
        if m.group(1).lower() in ids
    ]
    tags = [{"start": m.start(), "end": m.end(), "tag": m.group(1)} for m in TAG_RE.finditer(text)]
    originals = URL_RE.findall(post.text)
    urls = [
        {
            "start": m.start(),
            "end": m.end(),
            "url": m.group(0),
            "expanded_url": original,
            "display_url": original.partition("://")[2],
        }
        for m, original in zip(URL_RE.finditer(text), originals, strict=True)
    ]
    for name, items in (("mentions", mentions), ("hashtags", tags), ("urls", urls)):
        if items:
            entities[name] = items
    return text, entities


def twitter_tweet(post: PlannedPost) -> dict[str, Any]:
    text, entities = twitter_text_and_entities(post)
    m = post.metrics
    tweet: dict[str, Any] = {
        "id": post.platform_id,
        "text": text,
        "author_id": post.author.account_id,
        "created_at": iso_z(post.created_at),
        "lang": post.section.lang,
        "conversation_id": (post.root or post).platform_id,
        "edit_history_tweet_ids": [post.platform_id],
        "public_metrics": {
            "retweet_count": m["reposts"],
            "reply_count": m["replies"],
            "like_count": m["likes"],
            "quote_count": m["quotes"],
            "bookmark_count": m["quotes"] // 2,
            "impression_count": 40 + m["likes"] * 37 + m["reposts"] * 91,
        },
    }
    if entities:
        tweet["entities"] = entities
    if post.reply_to is not None:
        tweet["in_reply_to_user_id"] = post.reply_to.author.account_id
        tweet["referenced_tweets"] = [{"type": "replied_to", "id": post.reply_to.platform_id}]
    return tweet


def twitter_user(author: Author) -> dict[str, Any]:
    return {
        "id": author.account_id,
        "name": author.name,
        "username": author.handle,
        "created_at": iso_z(author.created_at),
        "description": author.bio,
        "protected": False,
        "verified": author.is_brand,
    }


def twitter_page(posts: list[PlannedPost], next_token: str | None) -> dict[str, Any]:
    """One page of a recent-search answer, newest first, with authors and mentioned users expanded."""
    ordered = sorted(posts, key=lambda p: p.created_at, reverse=True)
    users: dict[str, Author] = {}
    for post in ordered:
        for author in (post.author, *post.mentioned):
            users.setdefault(author.account_id, author)
    meta: dict[str, Any] = {
        "newest_id": ordered[0].platform_id,
        "oldest_id": ordered[-1].platform_id,
        "result_count": len(ordered),
    }
    if next_token:
        meta["next_token"] = next_token
    return {
        "data": [twitter_tweet(p) for p in ordered],
        "includes": {"users": [twitter_user(a) for a in users.values()]},
        "meta": meta,
    }


# --- generic CSV ---------------------------------------------------------------------------------

CSV_COLUMNS = (
    "id",
    "platform",
    "created_at",
    "author",
    "author_name",
    "text",
    "url",
    "lang",
    "reply_to_id",
    "likes",
    "reposts",
    "replies",
)


def csv_export(posts: list[PlannedPost]) -> str:
    """A listening tool's CSV export: one row per post, ISO 8601 UTC times."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for post in sorted(posts, key=lambda p: p.created_at):
        m = post.metrics
        writer.writerow(
            [
                post.platform_id,
                post.platform,
                iso_z(post.created_at, millis=False),
                post.author.handle,
                post.author.name,
                post.text,
                f"https://www.reddit.com/r/travelstories/comments/{post.platform_id[3:]}/",
                post.section.lang,
                post.reply_to.platform_id if post.reply_to else "",
                m["likes"],
                m["reposts"],
                m["replies"],
            ]
        )
    return buffer.getvalue()
