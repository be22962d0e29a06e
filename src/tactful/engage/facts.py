"""The flat view of one analysed post that policy rules are evaluated over.

Rules never read records directly: ``facts_for`` gathers what they may look at
(from the stored post, its analysis and the conversation so far), so the
vocabulary of conditions stays small, documented and testable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from tactful.records import StoredPost

NO_BOT_FLAGS = frozenset({"nobot", "noindex", "no-unauthenticated"})
# Routing to moderation means a post is never answered in public, so "toxic" asks for precision:
# at 0.8 the fast offensive head has precision 0.90 (recall 0.30) on the TweetEval offensive val set,
# and flags 1.4% of airline tweets instead of 14.8% at 0.5.
TOXIC_THRESHOLD = 0.8


@dataclass(frozen=True, slots=True)
class ThreadContext:
    """What the inbox knows about the conversation a post belongs to."""

    customer_posts: int = 0  # earlier customer posts in the same thread
    waiting_since: datetime | None = None  # oldest unanswered customer post


@dataclass(frozen=True, slots=True)
class PostFacts:
    addressed: bool
    addressed_reason: str
    intent: str  # complaint/question/suggestion/praise/other, or "unscored"
    complaint: float
    negative: float
    toxic: bool
    sensitive: tuple[str, ...]
    no_bots: bool
    direct_message: bool
    groups: tuple[str, ...]
    lang_scored: bool
    text: str
    waiting_hours: float = 0.0
    repeat_contacts: int = 0
    labels: dict[str, str] = field(default_factory=dict)


def facts_for(post: StoredPost, *, now: datetime, thread: ThreadContext | None = None) -> PostFacts:
    analysis = post.analysis
    thread = thread or ThreadContext()
    if analysis is None:
        return _facts_without_analysis(post, thread, now)
    intent = analysis.intent.label if analysis.intent else "other"
    negative = analysis.sentiment.scores.get("negative", 0.0) if analysis.sentiment else 0.0
    addressed = analysis.addressed
    return PostFacts(
        addressed=bool(addressed and addressed.label) or post.replies_to_brand or post.is_direct_message,
        addressed_reason=addressed.reason if addressed else "",
        intent=intent,
        complaint=_score(analysis.complaint),
        negative=negative,
        toxic=max(_score(analysis.offensive), _score(analysis.hate)) >= TOXIC_THRESHOLD,
        sensitive=tuple(analysis.sensitive),
        no_bots=bool(NO_BOT_FLAGS.intersection(post.author_flags)),
        direct_message=post.is_direct_message,
        groups=tuple(sorted({m.group for m in post.matches})),
        lang_scored=intent != "unscored",
        text=post.text,
        waiting_hours=_waiting_hours(thread.waiting_since or post.created_at, now),
        repeat_contacts=thread.customer_posts,
    )


def _facts_without_analysis(post: StoredPost, thread: ThreadContext, now: datetime) -> PostFacts:
    return PostFacts(
        addressed=post.replies_to_brand or post.is_direct_message,
        addressed_reason="replies to the brand" if post.replies_to_brand else "",
        intent="unscored", complaint=0.0, negative=0.0, toxic=False, sensitive=(),
        no_bots=bool(NO_BOT_FLAGS.intersection(post.author_flags)),
        direct_message=post.is_direct_message,
        groups=tuple(sorted({m.group for m in post.matches})),
        lang_scored=False, text=post.text,
        waiting_hours=_waiting_hours(thread.waiting_since or post.created_at, now),
        repeat_contacts=thread.customer_posts,
    )


def _score(value: object) -> float:
    score = getattr(value, "score", None)
    return float(score) if score is not None else 0.0


def _waiting_hours(since: datetime, now: datetime) -> float:
    return max(0.0, (now - since).total_seconds() / 3600.0)
