"""Emerging topics from the store: this period's posts against a baseline period (insights/topics.py).

Text cannot be rolled up, so each side reads at most ``sample`` posts: the newest
of the period (documented in docs/insights.md). Posts whose text retention has
blanked are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from tactful.errors import UsageError
from tactful.insights.examples import Example, fetch_examples, posts_query
from tactful.insights.filters import Filters
from tactful.insights.topics import Topic, TopicPost, emerging_topics
from tactful.store.schema import posts

DEFAULT_SAMPLE = 800


@dataclass(slots=True)
class EmergingTopic:
    topic: Topic
    examples: list[Example]

    def to_dict(self) -> dict[str, Any]:
        t = self.topic
        return {
            "phrase": t.phrase,
            "score": round(t.score, 3),
            "current": t.current,
            "baseline": t.baseline,
            "sentiment": t.sentiment,
            "net_sentiment": t.net_sentiment,
            "examples": [e.to_dict() for e in self.examples],
        }


def baseline_of(filters: Filters, periods: int = 4) -> Filters:
    """The ``periods`` periods of the same length just before ``filters``' period."""
    if filters.since is None or filters.until is None:
        raise UsageError("emerging topics need a period with both ends (--from and --to)")
    length = filters.until - filters.since
    return Filters(filters.since - length * periods, filters.since, filters.groups, filters.platforms)


def sample_posts(conn: sa.Connection, filters: Filters, limit: int = DEFAULT_SAMPLE) -> list[Example]:
    return fetch_examples(conn, posts_query(filters).limit(limit))


def sample_texts(conn: sa.Connection, filters: Filters, limit: int = DEFAULT_SAMPLE) -> list[TopicPost]:
    """The posts ``sample_posts`` reads, as id and text only (what phrase counting needs)."""
    query = posts_query(filters).with_only_columns(posts.c.id, posts.c.text, maintain_column_froms=True)
    return [TopicPost(str(post_id), text) for post_id, text in conn.execute(query.limit(limit))]


def topics(
    conn: sa.Connection,
    filters: Filters,
    *,
    baseline: Filters | None = None,
    limit: int = 10,
    sample: int = DEFAULT_SAMPLE,
    min_count: int = 3,
) -> list[EmergingTopic]:
    current = sample_posts(conn, filters, sample)
    before = sample_posts(conn, baseline or baseline_of(filters), sample)
    found = emerging_topics(
        [_topic_post(e) for e in current], [_topic_post(e) for e in before], limit=limit, min_count=min_count
    )
    by_id = {str(e.post_id): e for e in current}
    return [EmergingTopic(t, [by_id[i] for i in t.examples]) for t in found]


def _topic_post(example: Example) -> TopicPost:
    return TopicPost(str(example.post_id), example.text, example.sentiment or "unanalysed")
