"""The pipeline's decide stage: a pure function over a batch of analysed posts."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from tactful.engage.facts import ThreadContext, facts_for
from tactful.engage.policy import Policy
from tactful.records import StoredPost, utcnow


def decide_posts(
    batch: list[StoredPost],
    policy: Policy,
    *,
    threads: Mapping[str, ThreadContext] | None = None,
    now: datetime | None = None,
) -> list[StoredPost]:
    now = now or utcnow()
    threads = threads or {}
    for post in batch:
        thread = threads.get(post.thread_id or post.platform_id)
        post.decision = policy.decide(facts_for(post, now=now, thread=thread))
    return batch
