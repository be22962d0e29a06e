"""Mastodon: the real streaming and REST client against loopback replays of documented payloads.

Shapes: streaming messages from docs.joinmastodon.org/methods/streaming (WebSocket
``{"stream", "event", "payload"}``, update payloads as JSON strings, delete payloads
as ids); Status and Account from docs.joinmastodon.org/entities; timeline
pagination (``min_id``) from docs.joinmastodon.org/api/guidelines/#pagination.
"""

from __future__ import annotations

import json

import pytest
from tests.sources.livekit import FAST_BACKOFF, cursor_of, run_until, stored_keys
from tests.sources.replay import (
    HttpReplay,
    Reply,
    WebsocketReplay,
    mastodon_account,
    mastodon_message,
    mastodon_status,
)

from tactful.errors import ConfigError
from tactful.sources.live import Link
from tactful.sources.mastodon import MastodonSource
from tactful.store.source_health import load_health

TOKEN = "user-token-for-tests"


def mastodon(instance: str, streaming_url: str, **settings) -> MastodonSource:
    table = {
        "type": "mastodon",
        "instance": instance,
        "streaming_url": streaming_url,
        "tags": ["acme"],
        "token_env": "MASTO_TOKEN",
        "idle_seconds": 0.1,
        "flush_seconds": 0.2,
        **settings,
    }
    return MastodonSource.from_config("masto", table)  # type: ignore[return-value]


def linked(monkeypatch) -> Link:
    monkeypatch.setenv("MASTO_TOKEN", TOKEN)
    return Link(backoff=FAST_BACKOFF)


def timeline(statuses: list[dict], *, first: Reply | None = None):
    """A hashtag timeline answering ``min_id`` pages, newest first, as Mastodon does."""
    answered: list[int] = []

    def route(path, query, headers, body):
        if first is not None and not answered:
            answered.append(1)
            return first
        since = int(query["min_id"][0])
        newer = sorted((s for s in statuses if int(s["id"]) > since), key=lambda s: int(s["id"]))
        return Reply(200, list(reversed(newer[: int(query.get("limit", ["40"])[0])])))

    return route


def test_stream_updates_edits_deletes_and_a_gap_caught_up_after_a_disconnect(
    monkeypatch, store, make_pipeline
):
    first = [mastodon_status(100 + i, f"acme outage report {i}") for i in range(5)]
    edited = dict(first[1], content="<p>acme outage report 1, edited: fixed now</p>")
    messages = [mastodon_message("update", s) for s in first]
    messages += [
        mastodon_message("status.update", edited),
        mastodon_message("delete", "102"),
        json.dumps({"stream": ["hashtag", "acme"], "event": "filters_changed"}),
        "not json {",
        mastodon_message("update", "{broken"),
    ]
    gap = [mastodon_status(200 + i, f"acme posted while we were away {i}") for i in range(45)]  # two pages
    link = linked(monkeypatch)
    with (
        WebsocketReplay(messages, drop_after=[len(messages)]) as stream,
        HttpReplay({"GET /api/v1/timelines/tag/acme": timeline(gap)}) as rest,
    ):
        source = mastodon(rest.url, stream.http_url)
        expected = {s["id"] for s in first + gap} - {"102"}
        run_until(
            source,
            make_pipeline(source),
            store,
            lambda runner: set(stored_keys(store)) == expected,
            link=link,
            timeout=15,
        )
        assert all(h.get("authorization") == f"Bearer {TOKEN}" for h in stream.headers)
        assert all(h.get("authorization") == f"Bearer {TOKEN}" for *_, h, _ in rest.log)
        assert all("access_token" not in path for path in stream.paths)
        assert rest.log[0][2]["min_id"] == ["104"]  # caught up from the newest id seen
    stored = stored_keys(store)
    assert set(stored) == expected
    assert "edited: fixed now" in stored["101"]
    assert cursor_of(store, "masto") == "244"
    assert store.count_quarantined() == 2  # the junk message and the broken payload


@pytest.mark.parametrize(
    ("account", "stored", "flags"),
    [
        (mastodon_account(1), True, []),
        (mastodon_account(2, noindex=True), False, None),
        (mastodon_account(3, indexable=False), False, None),
        (mastodon_account(4, note="<p>Privacy first. #NoBot</p>"), False, None),
        (mastodon_account(5, discoverable=False), True, ["discoverable=false"]),
    ],
)
def test_account_flags_reach_the_privacy_gate(monkeypatch, store, make_pipeline, account, stored, flags):
    status = mastodon_status(300, "acme support never answers", account=account)
    link = linked(monkeypatch)
    with WebsocketReplay([mastodon_message("update", status)]) as stream, HttpReplay({}) as rest:
        source = mastodon(rest.url, stream.http_url)
        report, _ = run_until(
            source, make_pipeline(source), store, lambda runner: runner.report.ingest.read >= 1, link=link
        )
        posts = list(store.iter_posts())
    assert bool(posts) == stored
    if stored:
        assert posts[0].author_flags == flags
    else:
        assert report.ingest.withheld == 1


def test_a_429_on_catch_up_is_retried_after_retry_after_and_recorded(monkeypatch, store, make_pipeline):
    gap = [mastodon_status(500 + i, f"acme gap {i}") for i in range(3)]
    store.write_batch([], [], cursor=("masto", "499"))
    link = linked(monkeypatch)
    limited = Reply(429, {"error": "Too many requests"}, headers={"Retry-After": "0"})
    with (
        WebsocketReplay([]) as stream,
        HttpReplay({"GET /api/v1/timelines/tag/acme": timeline(gap, first=limited)}) as rest,
    ):
        source = mastodon(rest.url, stream.http_url)
        _, runner = run_until(
            source, make_pipeline(source), store, lambda runner: len(stored_keys(store)) == 3, link=link
        )
        assert rest.calls("GET /api/v1/timelines/tag/acme") >= 3  # 429, the page, the empty page
    assert runner.health.errors == 1 and runner.health.last_error == "http_429"
    assert [h.errors for h in load_health(store)] == [1]


def test_further_tags_are_subscribed_on_the_same_socket(monkeypatch, store, make_pipeline):
    link = linked(monkeypatch)
    with WebsocketReplay([]) as stream, HttpReplay({}) as rest:
        source = mastodon(rest.url, stream.http_url, tags=["#Acme", "acmeapp"])
        run_until(source, make_pipeline(source), store, lambda runner: bool(stream.received), link=link)
        assert stream.paths[0] == "/api/v1/streaming?stream=hashtag&tag=acme"
        assert json.loads(stream.received[0]) == {"type": "subscribe", "stream": "hashtag", "tag": "acmeapp"}


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"type": "mastodon", "instance": "mastodon.social", "tags": ["a"]}, "http"),
        ({"type": "mastodon", "instance": "https://m.example"}, "needs at least one tag"),
        ({"type": "mastodon", "instance": "https://m.example", "tags": ["a"], "token": "x"}, "token"),
    ],
)
def test_bad_settings_are_config_errors(table, message):
    with pytest.raises(ConfigError, match=message):
        MastodonSource.from_config("masto", table)


def test_a_missing_token_variable_is_a_config_error_naming_the_variable(monkeypatch):
    monkeypatch.delenv("MASTO_TOKEN", raising=False)
    source = mastodon("https://m.example", "https://m.example")
    with pytest.raises(ConfigError, match="MASTO_TOKEN"):
        next(iter(source.events(None, Link())))
