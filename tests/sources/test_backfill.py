"""Backfill: Bluesky searchPosts and Mastodon search/timelines against loopback replays, twice over.

Shapes: the searchPosts answer ``{cursor, hitsTotal, posts: [postView]}``
(docs.bsky.app/docs/api/app-bsky-feed-search-posts) and the Mastodon v2 search answer
``{accounts, statuses, hashtags}`` (docs.joinmastodon.org/methods/search), using the
documented fixtures of the file importers.
"""

from __future__ import annotations

import copy
import json

import httpx
from tests.sources.conftest import FIXTURES
from tests.sources.livekit import FAST_BACKOFF
from tests.sources.replay import HttpReplay, Reply, mastodon_status

from tactful.sources.backfill import BackfillQuery, BackfillSource, bluesky_search, mastodon_search
from tactful.sources.live import Link


def search_pages() -> dict[str | None, dict]:
    page = json.loads((FIXTURES / "bluesky_search.json").read_text(encoding="utf-8"))
    second = copy.deepcopy(page["posts"][0])
    second["uri"] = second["uri"].rsplit("/", 1)[0] + "/3kpage2"
    second["record"]["text"] = "Acme playlist vanished once more"
    return {
        None: {"posts": page["posts"], "cursor": "c1", "hitsTotal": 3},
        "c1": {"posts": [second], "cursor": "c2", "hitsTotal": 3},
        "c2": {"posts": [], "hitsTotal": 3},
    }


def test_bluesky_search_pages_with_its_cursor_and_a_rerun_stores_nothing_twice(store, make_pipeline):
    pages = search_pages()

    def search(path, query, headers, body):
        return Reply(200, pages[query.get("cursor", [None])[0]])

    query = BackfillQuery("acme", since="2025-11-01T00:00:00Z", until="2025-11-29T00:00:00Z", lang="en")
    with HttpReplay({"GET /xrpc/app.bsky.feed.searchPosts": search}) as server:
        reports = []
        for _ in range(2):
            with httpx.Client() as http:
                records = bluesky_search(http, Link(backoff=FAST_BACKOFF), server.url, query, source="bsky")
                source = BackfillSource("bluesky", records, "bsky")
                reports.append(make_pipeline(source).run(source.read(), store))
        asked = server.log[0][2]
    assert {k: v[0] for k, v in asked.items()} == {
        "q": "acme",
        "since": "2025-11-01T00:00:00Z",
        "until": "2025-11-29T00:00:00Z",
        "lang": "en",
        "limit": "100",
    }
    assert [r.read for r in reports] == [3, 3]
    assert reports[0].stored >= 2 and reports[1].stored == 0
    assert all(p.source == "backfill:bsky" for p in store.iter_posts())


def test_mastodon_search_pages_backwards_with_max_id(store, make_pipeline):
    statuses = [mastodon_status(1000 + i, f"acme backfill {i}") for i in range(50)]

    def search(path, query, headers, body):
        below = int(query.get("max_id", ["99999"])[0])
        older = [s for s in reversed(statuses) if int(s["id"]) < below][: int(query["limit"][0])]
        return Reply(200, {"accounts": [], "statuses": older, "hashtags": []})

    with HttpReplay({"GET /api/v2/search": search}) as server, httpx.Client(base_url=server.url) as http:
        records = mastodon_search(
            http, Link(backoff=FAST_BACKOFF), BackfillQuery("acme"), tags=[], source="masto"
        )
        source = BackfillSource("mastodon", records, "masto")
        report = make_pipeline(source).run(source.read(), store)
        max_ids = [q.get("max_id", [None])[0] for _, _, q, _, _ in server.log]
    assert report.stored == 50
    assert max_ids == [None, "1010", "1000"]
