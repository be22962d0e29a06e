"""Backfill: the recent past, from the networks' search and timeline APIs, into the same pipeline.

* Bluesky ``app.bsky.feed.searchPosts`` (docs.bsky.app/docs/api/app-bsky-feed-search-posts):
  ``q``, ``since``, ``until``, ``lang``, ``limit`` (max 100) and ``cursor``; answers
  ``{cursor, hitsTotal, posts: [postView]}``. Bluesky's AppView may require an
  authenticated session for search; ``token_env`` then names a variable holding
  an access token.
* Mastodon ``/api/v2/search?type=statuses`` (full-text search only where the
  instance runs it) and ``/api/v1/timelines/tag/:hashtag``, both paged backwards
  with ``max_id`` and bounded below with ``since_id`` / ``min_id``.

Backfill needs no cursor: posts are keyed, so running it twice stores nothing twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx

from tactful.records import Post
from tactful.sources.base import RawRecord, Source
from tactful.sources.files.bluesky import BlueskyPosts
from tactful.sources.files.mastodon import MastodonStatuses
from tactful.sources.http import request
from tactful.sources.live import Link

SEARCH_LIMIT = 100
MASTODON_LIMIT = 40


@dataclass
class BackfillQuery:
    q: str | None = None  # search text; for Mastodon without it, the source's hashtag timelines are read
    since: str | None = None  # ISO 8601 (Bluesky) or a status id (Mastodon since_id)
    until: str | None = None
    lang: str | None = None
    max_pages: int = 10


def bluesky_search(
    http: httpx.Client, link: Link, base_url: str, query: BackfillQuery, *, source: str
) -> Iterator[RawRecord]:
    params: dict[str, str] = {"q": query.q or "", "limit": str(SEARCH_LIMIT)}
    params.update(
        {k: v for k, v in (("since", query.since), ("until", query.until), ("lang", query.lang)) if v}
    )
    url = f"{base_url.rstrip('/')}/xrpc/app.bsky.feed.searchPosts"
    for page in range(1, query.max_pages + 1):
        body = _json(request(http, "GET", url, link, source=source, params=params))
        if not isinstance(body, dict):
            return
        for n, view in enumerate(body.get("posts") or [], 1):
            yield RawRecord(view, source, f"search page {page} post {n}")
        if not body.get("cursor") or not body.get("posts"):
            return
        params["cursor"] = str(body["cursor"])


def mastodon_search(
    http: httpx.Client, link: Link, query: BackfillQuery, *, tags: list[str], source: str
) -> Iterator[RawRecord]:
    """Statuses from v2 search (with ``q``) or the hashtag timelines, newest first, ``max_id`` paging."""
    targets = (
        [("/api/v2/search", {"q": query.q, "type": "statuses", "resolve": "false"})]
        if query.q
        else [(f"/api/v1/timelines/tag/{tag}", {}) for tag in tags]
    )
    for path, params in targets:
        if query.since:
            params["since_id"] = query.since
        if query.until:
            params["max_id"] = query.until
        for page in range(1, query.max_pages + 1):
            body = _json(
                request(
                    http, "GET", path, link, source=source, params={**params, "limit": str(MASTODON_LIMIT)}
                )
            )
            statuses = body.get("statuses") if isinstance(body, dict) else body
            if not statuses:
                break
            for n, status in enumerate(statuses, 1):
                yield RawRecord(status, source, f"{path} page {page} status {n}")
            params["max_id"] = min((str(s.get("id")) for s in statuses if isinstance(s, dict)), key=_as_int)


class BackfillSource(Source):
    """Records from a backfill iterator, mapped as the platform's file imports map them."""

    name = "backfill"

    def __init__(self, platform: str, records: Iterator[RawRecord], label: str) -> None:
        self.records = records
        self.label = label
        self._mapper = BlueskyPosts() if platform == "bluesky" else MastodonStatuses()

    def read(self) -> Iterator[RawRecord]:
        return self.records

    def map_item(self, raw: RawRecord) -> Post:
        post = self._mapper.map_item(raw)
        post.source = f"backfill:{self.label}"
        return post


def run_backfill(source: Source, query: BackfillQuery, link: Link) -> Iterator[RawRecord]:
    """The backfill records for a configured Jetstream or Mastodon source (its instance, token, tags)."""
    from tactful.sources.jetstream import JetstreamSource
    from tactful.sources.live import secret_from_env
    from tactful.sources.mastodon import MastodonSource

    if isinstance(source, JetstreamSource):
        settings = source.settings
        headers = {}
        if settings.search_token_env:
            token = secret_from_env(
                link.environ, settings.search_token_env, f"sources.{source.source_name} token"
            )
            headers["Authorization"] = f"Bearer {token}"
        with httpx.Client(headers=headers, timeout=30.0) as http:
            yield from bluesky_search(http, link, settings.search_url, query, source=source.source_name)
    elif isinstance(source, MastodonSource):
        token = secret_from_env(
            link.environ, source.settings.token_env, f"sources.{source.source_name} token"
        )
        with httpx.Client(
            base_url=source.settings.instance, headers={"Authorization": f"Bearer {token}"}, timeout=30.0
        ) as http:
            yield from mastodon_search(
                http, link, query, tags=source.settings.tags, source=source.source_name
            )
    else:
        from tactful.errors import UsageError

        raise UsageError("backfill works for jetstream (Bluesky search) and mastodon sources")


def _json(response: httpx.Response | None) -> Any:
    if response is None:
        return {}
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict | list) else {}


def _as_int(value: str) -> int:
    return int(value) if value.isdigit() else 0
