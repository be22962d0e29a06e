"""The pipeline's decide stage: a pure function over a batch of analysed posts.

``threads`` gives each post's conversation so far (``ThreadContext``), keyed by
thread root id (``post.thread_id or post.platform_id``): either a mapping, or a
callable that looks the batch up (``engage/threads.py: StoreThreads`` reads the
store's inbox).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from tactful.engage.facts import ThreadContext, facts_for
from tactful.engage.policy import Policy
from tactful.records import StoredPost, utcnow

ThreadLookup = Callable[[list[StoredPost]], Mapping[str, ThreadContext]]


def decide_posts(
    batch: list[StoredPost],
    policy: Policy,
    *,
    threads: Mapping[str, ThreadContext] | ThreadLookup | None = None,
    now: datetime | None = None,
) -> list[StoredPost]:
    now = now or utcnow()
    contexts = threads(batch) if callable(threads) else (threads or {})
    for post in batch:
        thread = contexts.get(post.thread_id or post.platform_id)
        post.decision = policy.decide(facts_for(post, now=now, thread=thread))
    return batch
