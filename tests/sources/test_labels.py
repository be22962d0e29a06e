"""Bluesky labels for live posts: matched authors looked up with getProfiles (loopback AppView).

Shape: ``app.bsky.actor.getProfiles`` answers ``{"profiles": [profileViewDetailed]}`` with
``labels: [{src, uri, val, cts}]`` (docs.bsky.app/docs/api/app-bsky-actor-get-profiles);
the self-label ``!no-unauthenticated`` asks not to be shown to logged-out viewers.
"""

from __future__ import annotations

import threading

import pytest
from tests.sources.livekit import FAST_BACKOFF, jetstream_time, run_until, stored_form, stored_keys
from tests.sources.replay import HttpReplay, JetstreamReplay, Reply, did, jetstream_events

from tactful.records import Post
from tactful.sources.jetstream import JetstreamSource
from tactful.sources.labels import ProfileLabels
from tactful.sources.live import BatchInterrupted, Link

LABELLED = did(3)


def profiles_route(calls: list[list[str]], *, fail_first: int = 0):
    def route(path, query, headers, body):
        calls.append(query.get("actors", []))
        if len(calls) <= fail_first:
            return Reply(503, {"error": "Unavailable"})
        profiles = []
        for actor in query.get("actors", []):
            labels = (
                [
                    {
                        "src": actor,
                        "uri": f"at://{actor}/app.bsky.actor.profile/self",
                        "val": "!no-unauthenticated",
                        "cts": "2025-01-01T00:00:00.000Z",
                    }
                ]
                if actor == LABELLED
                else []
            )
            profiles.append({"did": actor, "handle": f"{actor[-4:]}.bsky.social", "labels": labels})
        return Reply(200, {"profiles": profiles})

    return route


def test_posts_of_labelled_authors_are_withheld_and_lookups_are_cached(store, make_pipeline):
    frames, expected = jetstream_events(400, seed=8)
    calls: list[list[str]] = []
    with (
        JetstreamReplay(frames) as server,
        HttpReplay({"GET /xrpc/app.bsky.actor.getProfiles": profiles_route(calls)}) as appview,
    ):
        source = JetstreamSource.from_config(
            "bsky",
            {
                "type": "jetstream",
                "url": server.url,
                "idle_seconds": 0.1,
                "flush_seconds": 0.2,
                "profiles_url": appview.url,
            },
        )
        last = str(frames[-1][0])
        report, _ = run_until(
            source, make_pipeline(source), store, lambda runner: jetstream_time(store, "bsky") == last
        )
    stored = stored_keys(store)
    assert stored == stored_form(
        {uri: text for uri, text in expected.posts.items() if f"/{LABELLED}/" not in uri}
    )
    assert any(f"/{LABELLED}/" in uri for uri in expected.posts)  # the label did withhold something
    asked = [actor for call in calls for actor in call]
    assert len(asked) == len(set(asked)) <= 50  # each author looked up once (50 authors in the stream)
    assert all(len(call) <= 25 for call in calls)
    assert report.ingest.withheld >= 1


def post(author: str) -> Post:
    from datetime import UTC, datetime

    return Post(
        "bluesky",
        f"at://{author}/app.bsky.feed.post/1",
        "acme",
        datetime(2025, 1, 1, tzinfo=UTC),
        author_id=author,
    )


def test_an_unavailable_appview_is_retried_not_skipped():
    calls: list[list[str]] = []
    with HttpReplay({"GET /xrpc/app.bsky.actor.getProfiles": profiles_route(calls, fail_first=2)}) as appview:
        labels = ProfileLabels(appview.url, source="bsky")
        errors: list[str] = []
        link = Link(backoff=FAST_BACKOFF, failed=errors.append)
        posts = labels.flag([post(LABELLED), post(did(4))], link)
    assert [p.author_flags for p in posts] == [["no-unauthenticated"], []]
    assert errors == ["http_503", "http_503"] and len(calls) == 3


def test_a_stop_during_the_lookup_leaves_the_batch_uncommitted():
    with HttpReplay({"GET /xrpc/app.bsky.actor.getProfiles": lambda *a: Reply(503, {})}) as appview:
        labels = ProfileLabels(appview.url, source="bsky")
        link = Link(backoff=FAST_BACKOFF)
        threading.Timer(0.3, link.stop.set).start()
        with pytest.raises(BatchInterrupted):
            labels.flag([post(did(5))], link)
