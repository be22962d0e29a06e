"""The pipeline's normalise stage: one clean shape for every post, whatever its source.

``normalise_posts`` is pure (no I/O, inputs untouched): text in Unicode NFC
without NUL or control characters, ``created_at`` in UTC, and mentions,
hashtags and links extracted from the text when the source did not provide
them; mentions and hashtags lowercased, without "@"/"#", deduplicated.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from datetime import UTC, datetime

from tactful.records import Post

# Twitter @user, Bluesky @alice.bsky.social, Mastodon @user@host.social; not an email (no word char before).
MENTION = re.compile(
    r"(?<![\w@])@(\w(?:[\w.-]*\w)?(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)?)",
)
# A hashtag needs one non-digit ("#1" is not a tag) and no word char or "&" before it (not an HTML entity).
HASHTAG = re.compile(r"(?<![\w&#])[#＃](\w*[^\W\d]\w*)")
LINK = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
_TRAILING = ".,;:!?'\"…"
_CLOSERS = {")": "(", "]": "[", "}": "{"}
# Control characters (Cc) except tab and newline; Cf (zero-width joiners in emoji, bidi marks) stays.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def normalise_posts(batch: list[Post]) -> list[Post]:
    return [normalise_post(post) for post in batch]


def normalise_post(post: Post) -> Post:
    text = clean_text(post.text)
    links = post.links or extract_links(text)
    bare = LINK.sub(" ", text)  # so "medium.com/@user" and "page#section" inside links are not read as such
    return replace(
        post,
        text=text,
        created_at=to_utc(post.created_at),
        mentions=_handles(post.mentions or MENTION.findall(bare)),
        hashtags=_handles(post.hashtags or HASHTAG.findall(bare)),
        links=list(dict.fromkeys(links)),
        engagement=dict(post.engagement),
        author_flags=list(post.author_flags),
        extra=dict(post.extra),
        matches=list(post.matches),
    )


def clean_text(text: str) -> str:
    """NFC, Windows/old-Mac line ends as "\\n", no NUL or other control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _CONTROL.sub("", text))


def to_utc(moment: datetime) -> datetime:
    """Aware datetimes converted to UTC; a naive one is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def extract_links(text: str) -> list[str]:
    return [_trim_link(match) for match in LINK.findall(text)]


def _trim_link(url: str) -> str:
    """Drop sentence punctuation after a link, and a closing bracket that the link did not open."""
    while url and (
        url[-1] in _TRAILING or (url[-1] in _CLOSERS and url.count(_CLOSERS[url[-1]]) < url.count(url[-1]))
    ):
        url = url[:-1]
    return url


def _handles(values: list[str]) -> list[str]:
    """Lowercased, without a leading "@"/"#", deduplicated in order."""
    cleaned = (unicodedata.normalize("NFC", v).strip().lstrip("@#＃").lower() for v in values)
    return list(dict.fromkeys(v for v in cleaned if v))


def __getattr__(name: str) -> object:
    """``open_file_source`` and ``iter_files`` are also reachable from here, next to ``normalise_posts``.

    They live in ``tactful.sources.files``; importing them lazily keeps this
    pure stage free of the file readers until they are asked for.
    """
    if name in ("open_file_source", "iter_files"):
        from tactful.sources import files

        return getattr(files, name)
    raise AttributeError(name)
