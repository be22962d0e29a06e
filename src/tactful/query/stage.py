"""The pipeline's match stage: keep the posts that match at least one brand query."""

from __future__ import annotations

from tactful.query.matcher import Matcher
from tactful.records import Post


def match_posts(batch: list[Post], matcher: Matcher) -> list[Post]:
    """Posts matching >= 1 query, in batch order, each with ``post.matches`` set."""
    kept: list[Post] = []
    for post in batch:
        matches = matcher.match(post)
        if matches:
            post.matches = matches
            kept.append(post)
    return kept
