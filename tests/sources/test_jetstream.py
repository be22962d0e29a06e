"""Jetstream: the real websocket client against a loopback server replaying documented events."""

from __future__ import annotations

import json

import pytest
from tests.sources.livekit import (
    FAST_BACKOFF,
    canonical_dump,
    jetstream_time,
    run_until,
    stored_form,
    stored_keys,
)
from tests.sources.replay import (
    BASE_TIME_US,
    JetstreamReplay,
    commit_event,
    did,
    jetstream_events,
    train_dictionary,
)

from tactful.errors import ConfigError, MappingError
from tactful.sources.base import RawRecord
from tactful.sources.jetstream import (
    JetstreamSettings,
    JetstreamSource,
    change_key,
    cursor_time,
    parse_cursor,
    subscribe_url,
)
from tactful.store.source_health import load_health


def jetstream(url: str, **settings) -> JetstreamSource:
    table = {
        "type": "jetstream",
        "url": url,
        "idle_seconds": 0.1,
        "batch_size": 50,
        "flush_seconds": 0.2,
        "check_labels": False,  # test_labels.py covers the lookup, against its own replay
        **settings,
    }
    return JetstreamSource.from_config("bsky", table)  # type: ignore[return-value]


def all_committed(store, frames):
    last = str(frames[-1][0])
    return lambda runner: jetstream_time(store, "bsky") == last


# --- the subscribe URL --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("position", "extra", "expected_query"),
    [
        (None, {}, "wantedCollections=app.bsky.feed.post"),
        (10_000_000, {}, "wantedCollections=app.bsky.feed.post&cursor=5000000"),
        (3_000_000, {}, "wantedCollections=app.bsky.feed.post&cursor=0"),
        (10_000_000, {"rewind_seconds": 1}, "wantedCollections=app.bsky.feed.post&cursor=9000000"),
        (
            None,
            {"wanted_dids": ["did:plc:a"]},
            "wantedCollections=app.bsky.feed.post&wantedDids=did%3Aplc%3Aa",
        ),
        (None, {"compress": True}, "wantedCollections=app.bsky.feed.post&compress=true"),
    ],
)
def test_subscribe_url_resumes_a_few_seconds_back(position, extra, expected_query):
    settings = JetstreamSettings(type="jetstream", url="wss://h/subscribe", **extra)
    assert subscribe_url(settings, position) == f"wss://h/subscribe?{expected_query}"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"type": "jetstream", "url": "https://h/subscribe"}, "ws:// or wss://"),
        ({"type": "jetstream", "colections": []}, "colections"),
        ({"type": "jetstream", "compress": True}, "zstd_dictionary"),
        ({"type": "jetstream", "compress": True, "zstd_dictionary": "/no/such/dict"}, "no such file"),
    ],
)
def test_bad_settings_are_config_errors_naming_the_key(table, message):
    with pytest.raises(ConfigError, match=message):
        JetstreamSource.from_config("bsky", table)


# --- frames to records (pure) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("frame", "expected"),
    [
        (
            json.dumps(commit_event(BASE_TIME_US, 1, "3kabc", "create", "hello acme")),
            {"operation": "create", "cursor": str(BASE_TIME_US), "error": None},
        ),
        (
            json.dumps(commit_event(BASE_TIME_US + 5, 1, "3kabc", "delete")),
            {"operation": "delete", "cursor": str(BASE_TIME_US + 5), "error": None},
        ),
        (
            '{"did": "did:plc:x", "time_us": 1, "kind": "comm',
            {"operation": None, "cursor": None, "error": "invalid_json"},
        ),
        ("[1, 2]", {"operation": None, "cursor": None, "error": "wrong_type"}),
    ],
)
def test_frames_become_records_with_operation_and_cursor(frame, expected):
    record = jetstream("ws://h/subscribe").to_record(frame, 1)
    assert {
        "operation": record.meta.get("operation"),
        "cursor": str(cursor_time(record.cursor)) if record.cursor else None,
        "error": record.error_code,
    } == expected


@pytest.mark.parametrize(
    "event",
    [
        {
            "did": "did:plc:a",
            "time_us": 1,
            "kind": "identity",
            "identity": {"did": "did:plc:a", "handle": "a.b"},
        },
        {
            "did": "did:plc:a",
            "time_us": 1,
            "kind": "account",
            "account": {"active": False, "did": "did:plc:a"},
        },
        {
            "did": "did:plc:a",
            "time_us": 1,
            "kind": "commit",
            "commit": {"operation": "create", "collection": "app.bsky.feed.like", "rkey": "x", "record": {}},
        },
    ],
)
def test_identity_account_and_other_collections_only_move_the_cursor(event):
    source = jetstream("ws://h/subscribe")
    record = source.to_record(json.dumps(event), 1)
    assert (record.meta["operation"], record.cursor) == ("skip", "1")
    assert sum(source.skipped.values()) == 1


def test_a_create_maps_through_the_bluesky_mapper_with_byte_offset_facets():
    text = "café ✈️ @acme.bsky.social help"
    start = len("café ✈️ ".encode())
    event = commit_event(BASE_TIME_US, 3, "3kxyz", "create", text)
    event["commit"]["record"]["facets"] = [
        {
            "index": {"byteStart": start, "byteEnd": start + len("@acme.bsky.social")},
            "features": [{"$type": "app.bsky.richtext.facet#mention", "did": "did:plc:acme"}],
        }
    ]
    source = jetstream("ws://h/subscribe")
    post = source.map_item(source.to_record(json.dumps(event), 1))
    assert (post.platform, post.platform_id, post.author_id, post.mentions, post.source) == (
        "bluesky",
        f"at://{did(3)}/app.bsky.feed.post/3kxyz",
        did(3),
        ["acme.bsky.social"],
        "live:bsky",
    )


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        (
            {
                "kind": "commit",
                "did": "did:plc:a",
                "commit": {"operation": "create", "record": {"text": "x"}},
            },
            "missing_id",
        ),
        (
            {"kind": "commit", "did": "did:plc:a", "commit": {"operation": "create", "rkey": "r"}},
            "missing_record",
        ),
        ({"kind": "identity"}, "wrong_type"),
    ],
)
def test_unusable_commits_raise_mapping_errors(payload, code):
    with pytest.raises(MappingError) as caught:
        jetstream("ws://h/subscribe").map_item(RawRecord(payload, "bsky", "event 1"))
    assert caught.value.reason_code == code


# --- against the loopback server ----------------------------------------------------------


def test_a_stream_with_deletes_edits_junk_and_a_disconnect_ends_exactly_as_upstream(store, make_pipeline):
    frames, expected = jetstream_events(600, seed=3, malformed_every=97)
    with JetstreamReplay(frames, drop_after=[250]) as server:
        source = jetstream(server.url)
        report, runner = run_until(source, make_pipeline(source), store, all_committed(store, frames))
        assert len(server.requests) >= 2, "the client should have reconnected after the drop"
        resumed = int(server.requests[1]["cursor"][0])
    assert stored_keys(store) == stored_form(expected.posts)
    assert jetstream_time(store, "bsky") == str(frames[-1][0])
    assert resumed <= frames[249][0] - 5_000_000 + 1000  # resumed from the last cursor, minus the rewind
    assert store.count_quarantined() >= expected.malformed
    assert runner.health.errors >= 1 and runner.health.state == "stopped"
    assert report.ingest.adds_up()


def test_resuming_replays_the_rewind_without_resurrecting_deleted_posts(store, make_pipeline):
    frames, expected = jetstream_events(300, seed=5)
    with JetstreamReplay(frames) as server:
        source = jetstream(server.url)
        run_until(source, make_pipeline(source), store, all_committed(store, frames))
        source = jetstream(server.url)
        run_until(source, make_pipeline(source), store, lambda runner: runner.report.batches >= 1)
        second = int(server.requests[1]["cursor"][0])
    assert second == frames[-1][0] - 5_000_000
    assert stored_keys(store) == stored_form(expected.posts)


@pytest.mark.parametrize(
    ("events", "operations"),
    [
        # a create or edit replayed after the post's delete was seen (the rewind) is skipped
        ([(10, "delete"), (5, "create"), (7, "update")], ["delete", "skip", "skip"]),
        ([(10, "delete"), (12, "create")], ["delete", "create"]),
        # an older edit replayed after a newer one is skipped: a replay never un-edits
        (
            [(10, "update"), (5, "create"), (7, "update"), (12, "update")],
            ["update", "skip", "skip", "update"],
        ),
        # changes older than the rewind window are forgotten
        ([(10, "delete"), (10 + 6_000_000, "create"), (5, "create")], ["delete", "create", "create"]),
    ],
)
def test_replayed_events_older_than_a_seen_change_are_skipped(events, operations):
    source = jetstream("ws://h/subscribe")
    found = []
    for time_us, operation in events:
        frame = json.dumps(commit_event(time_us, 1, "3kx", operation, "acme"))
        found.append(source.to_record(frame, 1).meta["operation"])
    assert found == operations


def test_the_cursor_carries_recent_changes():
    source = jetstream("ws://h/subscribe")
    source.to_record(json.dumps(commit_event(10, 1, "3kx", "delete")), 1)
    record = source.to_record(json.dumps(commit_event(20, 2, "3ky", "create", "acme")), 2)
    assert parse_cursor(record.cursor) == (20, {change_key(f"at://{did(1)}/app.bsky.feed.post/3kx"): 10})
    assert did(1) not in record.cursor  # no DID in the stored cursor
    assert parse_cursor("1234") == (1234, {}) and parse_cursor("junk") == (None, {})


def test_replaying_twice_or_with_duplicates_leaves_the_store_the_same(tmp_path, secret_env, make_pipeline):
    from tactful.store import open_store

    frames, _ = jetstream_events(400, seed=11)
    rng = __import__("random").Random(2)
    with_duplicates = sorted(frames + rng.sample(frames, len(frames) // 5), key=lambda f: f[0])
    dumps = []
    for name, stream, passes in (("once", frames, 1), ("twice", frames, 2), ("dupes", with_duplicates, 1)):
        with open_store(f"sqlite:///{tmp_path / name}.db") as db:
            for _ in range(passes):
                with JetstreamReplay(stream) as server:
                    source = jetstream(server.url, rewind_seconds=1000)  # replay everything on restart
                    last = str(stream[-1][0])
                    run_until(
                        source,
                        make_pipeline(source),
                        db,
                        lambda runner, db=db, last=last: jetstream_time(db, "bsky") == last,
                    )
            dumps.append(canonical_dump(db))
    assert dumps[0] == dumps[1] == dumps[2]
    assert len(dumps[0]) > 0


def test_compressed_frames_are_decompressed_with_the_configured_dictionary(tmp_path, store, make_pipeline):
    frames, expected = jetstream_events(200, seed=9)
    dictionary = train_dictionary(frames)
    path = tmp_path / "zstd_dictionary"
    path.write_bytes(dictionary.as_bytes())
    with JetstreamReplay(frames, dictionary=dictionary) as server:
        source = jetstream(server.url, compress=True, zstd_dictionary=str(path))
        run_until(source, make_pipeline(source), store, all_committed(store, frames))
        assert server.requests[0]["compress"] == ["true"]
    assert stored_keys(store) == stored_form(expected.posts)


def test_an_unreachable_server_is_retried_and_reported_failing(store, make_pipeline):
    from tactful.sources.live import Link

    source = jetstream("ws://127.0.0.1:9/subscribe", open_timeout=0.5)
    link = Link(backoff=FAST_BACKOFF)
    _, runner = run_until(
        source,
        make_pipeline(source),
        store,
        lambda runner: runner.health.state == "failing",
        timeout=10,
        link=link,
    )
    assert runner.health.consecutive_errors >= 5
    assert runner.health.last_error.startswith("connect:")
    assert [h.state for h in load_health(store)] == ["stopped"]
