"""Does a post ask the brand to stop listening to its author?

A pure check for the opt-out workflow: the post must address the brand (mention
one of its handles, reply to it, or be a direct message) and contain one of
``privacy.optout_phrases`` as whole words, case-insensitive, with "opt out",
"opt-out" and "optout" all matching the phrase "opt out". Negations ("don't opt
me out") are not understood; a false opt-out only removes data, never exposes it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tactful.config import Config
from tactful.privacy.recognizers.handle import is_brand
from tactful.records import Post


@lru_cache(maxsize=32)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    parts = [
        r"[\s-]*".join(re.escape(word) for word in phrase.split()) for phrase in phrases if phrase.strip()
    ]
    return re.compile(r"(?<![\w#])(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def addresses_brand(post: Post, brand_handles: frozenset[str]) -> bool:
    return (
        post.is_direct_message
        or any(is_brand(m, brand_handles) for m in post.mentions)
        or (post.reply_to_author is not None and is_brand(post.reply_to_author, brand_handles))
    )


def requests_optout(post: Post, config: Config) -> bool:
    brand_handles = frozenset(config.brand.all_handles())
    phrases = tuple(config.privacy.optout_phrases)
    if not phrases or not addresses_brand(post, brand_handles):
        return False
    return _phrase_pattern(phrases).search(post.text) is not None
