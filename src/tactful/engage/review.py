"""Reviewing a policy before going live: decide over posts from a file, store nothing.

Each input line is a JSON object with at least ``text``; optional context keys:
``id`` (or ``tweet_id``/``platform_id``), ``platform``, ``mentions`` (else the
@handles in the text), ``reply_to_author``, ``replies_to_brand``,
``is_direct_message``, ``author_flags``, ``thread_id`` and ``analysis`` (the
``tactful analyze`` contract). Posts without an analysis are analysed with the
understander when one is given; otherwise they are decided without one (the
policy then only observes or routes them, it never answers on a guess).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from tactful.engage.policy import Policy
from tactful.engage.stage import decide_posts
from tactful.records import Analysis, Decision, StoredPost, analysis_from_dict

MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9_][A-Za-z0-9_.-]*[A-Za-z0-9_])")
ID_KEYS = ("id", "platform_id", "tweet_id")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class Analyses(Protocol):
    def analyze(self, requests: list[Any]) -> list[Analysis]: ...


@dataclass(frozen=True, slots=True)
class Reviewed:
    line: int
    id: str
    addresses_brand: bool  # by the input's own evidence: a brand mention, a reply to the brand, a DM
    decision: Decision


def mentions_in(text: str) -> list[str]:
    return [m.lower().rstrip(".") for m in MENTION.findall(text)]


def post_from_line(data: dict[str, Any], line: int, brand_handles: frozenset[str]) -> StoredPost:
    text = str(data.get("text") or "")
    mentions = [str(m).lstrip("@").lower() for m in data.get("mentions") or mentions_in(text)]
    replies_to_brand = bool(data.get("replies_to_brand")) or (
        str(data.get("reply_to_author") or "").lstrip("@").lower() in brand_handles
    )
    analysis = data.get("analysis")
    return StoredPost(
        platform=str(data.get("platform") or "input"),
        platform_id=next((str(data[k]) for k in ID_KEYS if data.get(k) is not None), f"line-{line}"),
        author_pseudonym="reviewed",
        text=text,
        created_at=EPOCH,
        thread_id=data.get("thread_id"),
        replies_to_brand=replies_to_brand,
        is_direct_message=bool(data.get("is_direct_message")),
        mentions=mentions,
        author_flags=[str(f) for f in data.get("author_flags") or []],
        analysis=analysis_from_dict(analysis) if isinstance(analysis, dict) else None,
    )


def addresses_brand(post: StoredPost, brand_handles: frozenset[str]) -> bool:
    return post.replies_to_brand or post.is_direct_message or bool(brand_handles.intersection(post.mentions))


def review(
    lines: Iterable[dict[str, Any]],
    policy: Policy,
    *,
    brand_handles: Iterable[str],
    understander: Analyses | None = None,
    batch_size: int = 500,
) -> Iterator[Reviewed]:
    """Decide every line, in order; nothing is stored and waiting time is not counted."""
    brands = frozenset(h.lstrip("@").lower() for h in brand_handles)
    batch: list[tuple[int, StoredPost]] = []
    for number, data in enumerate(lines, start=1):
        batch.append((number, post_from_line(data, number, brands)))
        if len(batch) >= batch_size:
            yield from _decide(batch, policy, brands, understander)
            batch = []
    yield from _decide(batch, policy, brands, understander)


def _decide(
    batch: list[tuple[int, StoredPost]], policy: Policy, brands: frozenset[str], understander: Analyses | None
) -> Iterator[Reviewed]:
    posts = [post for _, post in batch]
    if understander is not None:
        _analyse_missing(posts, understander)
    decide_posts(posts, policy, now=EPOCH)  # now == created_at: no waiting boost in a review
    for number, post in batch:
        assert post.decision is not None
        yield Reviewed(number, post.platform_id, addresses_brand(post, brands), post.decision)


def _analyse_missing(posts: list[StoredPost], understander: Analyses) -> None:
    from tactful.understand.stage import request_for

    missing = [p for p in posts if p.analysis is None]
    for post, analysis in zip(missing, understander.analyze([request_for(p) for p in missing]), strict=True):
        post.analysis = analysis
