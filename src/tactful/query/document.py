"""One post, tokenised once, indexed for every query that looks at it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tactful.query.text import prepare_text, tokenize
from tactful.records import Post


@dataclass(slots=True)
class Document:
    """Where each token occurs in a post, plus the fields that filters test."""

    words: dict[str, list[int]] = field(default_factory=dict)  # words, emoji and hashtag text -> positions
    tags: dict[str, list[int]] = field(default_factory=dict)  # hashtags in the text -> positions
    handles: dict[str, list[int]] = field(default_factory=dict)  # @handles in the text -> positions
    tag_set: set[str] = field(default_factory=set)  # hashtags in the text or in post.hashtags
    handle_set: set[str] = field(default_factory=set)  # handles in the text or in post.mentions
    lang: str = ""
    platform: str = ""
    author: str = ""
    memo: dict[tuple[str, str, str], Any] = field(default_factory=dict)  # per-post results shared by queries

    def keys_text(self, kind: str) -> str:
        """The distinct values a term of ``kind`` can match, one per line (for wildcard searches).

        A word matches words, emoji and hashtags (also those only in ``post.hashtags``).
        """
        key = ("keys", kind, "")
        text = self.memo.get(key)
        if text is None:
            if kind == "handle":
                values: set[str] | dict[str, list[int]] = self.handle_set
            elif kind == "tag":
                values = self.tag_set
            else:
                values = self.words.keys() | self.tag_set
            text = self.memo[key] = "\n".join(values)
        return text


def build_document(post: Post, prepared: str | None = None) -> Document:
    """Index ``post``; pass ``prepared`` when ``prepare_text(post.text)`` is already at hand."""
    doc = Document(
        lang=(post.lang or "").lower().replace("_", "-"),
        platform=post.platform.lower(),
        author=(post.author_handle or "").lower().lstrip("@"),
    )
    text = prepare_text(post.text) if prepared is None else prepared
    for position, (kind, value) in enumerate(tokenize(text)):
        if kind == "tag":
            doc.tags.setdefault(value, []).append(position)
        elif kind == "handle":
            doc.handles.setdefault(value, []).append(position)
            continue
        doc.words.setdefault(value, []).append(position)
    doc.tag_set.update(doc.tags, (prepare_text(tag).lstrip("#") for tag in post.hashtags))
    doc.handle_set.update(doc.handles, (prepare_text(handle).lstrip("@") for handle in post.mentions))
    return doc


def extra_search_text(post: Post) -> str:
    """Hashtags and mentions from the post's fields, written out for the prefilter to scan."""
    return extra_search_fields(post.hashtags, post.mentions)


def extra_search_fields(hashtags: Sequence[str], mentions: Sequence[str]) -> str:
    """``extra_search_text`` from the two fields (the store's search index writes the same text)."""
    if not hashtags and not mentions:
        return ""
    tags = " ".join("#" + prepare_text(tag).lstrip("#") for tag in hashtags)
    handles = " ".join("@" + prepare_text(handle).lstrip("@") for handle in mentions)
    return f"\n{tags}\n{handles}"
