"""Bluesky account labels for live posts: Jetstream events carry none, so they are looked up.

Accounts that set the ``!no-unauthenticated`` self-label ask not to be shown to
logged-out viewers; the privacy gate withholds their posts (issue 4). A
Jetstream commit says nothing about its author's labels, so before the privacy
gate the authors of the posts that matched a query (a handful, not the whole
firehose) are looked up with ``app.bsky.actor.getProfiles`` (up to 25 actors a
call; docs.bsky.app/docs/api/app-bsky-actor-get-profiles) and the answer is
cached for ``ttl_seconds``.

The lookup fails closed: while the AppView does not answer, the batch waits
(retried with backoff, the failures visible in the source's health); if the
listener is stopped meanwhile, the batch is left uncommitted and replays on
the next start, so no post is ever stored without its author's labels checked.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Iterable

import httpx

from tactful.records import Post
from tactful.sources.http import request
from tactful.sources.live import BatchInterrupted, Link

NO_UNAUTHENTICATED = "!no-unauthenticated"
FLAG = "no-unauthenticated"
ACTORS_PER_CALL = 25


class ProfileLabels:
    def __init__(
        self,
        base_url: str,
        *,
        source: str,
        ttl_seconds: float = 3600.0,
        max_cached: int = 100_000,
        client: httpx.Client | None = None,
    ) -> None:
        self.url = f"{base_url.rstrip('/')}/xrpc/app.bsky.actor.getProfiles"
        self.source = source
        self.ttl = ttl_seconds
        self.max_cached = max_cached
        self.http = client or httpx.Client(timeout=20.0)
        self._cache: OrderedDict[str, tuple[bool, float]] = OrderedDict()  # did -> (labelled, expires)

    def flag(self, posts: list[Post], link: Link) -> list[Post]:
        """Add the ``no-unauthenticated`` flag to posts whose author carries the label."""
        labelled = self.labelled({p.author_id for p in posts if p.author_id}, link)
        for post in posts:
            if post.author_id in labelled and FLAG not in post.author_flags:
                post.author_flags.append(FLAG)
        return posts

    def labelled(self, dids: Iterable[str], link: Link) -> set[str]:
        now = time.monotonic()
        unknown = sorted(d for d in dids if d not in self._cache or self._cache[d][1] < now)
        for start in range(0, len(unknown), ACTORS_PER_CALL):
            self._fetch(unknown[start : start + ACTORS_PER_CALL], link, now)
        return {d for d in dids if self._cache.get(d, (False, 0.0))[0]}

    def _fetch(self, dids: list[str], link: Link, now: float) -> None:
        response = request(
            self.http, "GET", self.url, link, source=self.source, params=[("actors", did) for did in dids]
        )
        if response is None:
            raise BatchInterrupted()
        body = response.json() if response.content else {}
        found = {p.get("did"): p for p in body.get("profiles", []) if isinstance(p, dict)}
        for did in dids:
            labels = found.get(did, {}).get("labels") or []
            values = {label.get("val") for label in labels if isinstance(label, dict)}
            self._remember(did, NO_UNAUTHENTICATED in values, now + self.ttl)

    def _remember(self, did: str, labelled: bool, expires: float) -> None:
        self._cache.pop(did, None)
        self._cache[did] = (labelled, expires)
        while len(self._cache) > self.max_cached:
            self._cache.popitem(last=False)
