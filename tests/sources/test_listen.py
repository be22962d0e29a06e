"""``tactful listen`` as a process: SIGKILLed at random points while ingesting 10,000 Jetstream events.

After every restart it resumes from the committed cursor; at the end no post is
lost or duplicated, deletes and edits are applied, and at every kill the cursor
was never ahead of the stored data. Runs on SQLite, and on PostgreSQL when
TACTFUL_TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from tests.sources.livekit import TEST_SECRET, config_data, jetstream_time, stored_form, stored_keys
from tests.sources.replay import Frame, JetstreamReplay, jetstream_events

from tactful.store import open_store

POSTGRES_ENV = "TACTFUL_TEST_DATABASE_URL"


def write_config(path: Path, db_url: str, server_url: str) -> Path:
    data = config_data(
        db_url,
        {
            "bsky": {
                "type": "jetstream",
                "url": server_url,
                "idle_seconds": 0.2,
                "batch_size": 250,
                "flush_seconds": 0.5,
                "check_labels": False,
            }
        },
    )
    lines = [
        "[brand]",
        'name = "Acme"',
        "[store]",
        f'url = "{db_url}"',
        "[understand]",
        'live_tier = "fast"  # these tests are about durability: the bulk tier keeps them quick',
        "[[queries]]",
        'name = "acme"',
        'query = "acme"',
        "[sources.bsky]",
    ]
    lines += [f"{key} = {json.dumps(value)}" for key, value in data["sources"]["bsky"].items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def start_listener(config: Path, cwd: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TACTFUL_SECRET": TEST_SECRET}
    log = (cwd / "listen.log").open("ab")  # a file, not a pipe: a full pipe would block the listener
    return subprocess.Popen(
        [sys.executable, "-m", "tactful", "-v", "listen", "--config", str(config)],
        cwd=cwd,
        env=env,
        stdout=log,
        stderr=log,
    )


def finish(process: subprocess.Popen[bytes], cwd: Path) -> str:
    process.send_signal(signal.SIGTERM)
    process.wait(20)
    return (cwd / "listen.log").read_text(encoding="utf-8", errors="replace")


def live_at(frames: list[Frame], cursor: int) -> dict[str, str]:
    """What upstream held, among posts matching 'acme', once every event up to ``cursor`` happened."""
    live: dict[str, str] = {}
    for time_us, text in frames:
        if time_us > cursor:
            break
        try:
            event = json.loads(text)
        except ValueError:
            continue
        commit = event.get("commit") if event.get("kind") == "commit" else None
        if not commit:
            continue
        uri = f"at://{event['did']}/app.bsky.feed.post/{commit['rkey']}"
        if commit["operation"] == "delete":
            live.pop(uri, None)
        else:
            live[uri] = commit["record"]["text"]
    return {uri: text for uri, text in live.items() if "acme" in text}


def fault_run(tmp_path: Path, db_url: str, *, kills: int, seed: int) -> None:
    frames, expected = jetstream_events(10_000, seed=seed, malformed_every=500)
    rng = random.Random(seed)
    last = str(last_readable(frames))
    with JetstreamReplay(frames) as server, open_store(db_url) as store:
        config = write_config(tmp_path / "tactful.toml", db_url, server.url)
        highest = [0]  # the furthest cursor committed so far
        for kill in range(kills):
            process = start_listener(config, tmp_path)
            wait_for(lambda kill=kill: len(server.requests) > kill, timeout=60)  # connected: ingesting now
            time.sleep(rng.uniform(0.1, 2.0))
            process.send_signal(signal.SIGKILL)
            process.wait(10)
            check_cursor_not_ahead(store, frames, highest)
        process = start_listener(config, tmp_path)
        wait_for(lambda: jetstream_time(store, "bsky") == last, timeout=90)
        time.sleep(0.5)
        output = finish(process, tmp_path)
        assert process.returncode == 0, output[-2000:]
        stored = stored_keys(store)
        with store.engine.connect() as conn:
            rows = conn.execute(sa.text("SELECT count(*) FROM posts")).scalar_one()
    assert len(server.requests) >= kills + 1  # one per start (more if a start had to reconnect)
    assert rows == len(stored), "a post was stored twice"
    assert stored == stored_form(expected.posts), "posts lost, resurrected or not edited"


def last_readable(frames: list[Frame]) -> int:
    """The cursor after the whole stream: the last frame that is JSON (junk frames carry no time_us)."""
    for time_us, text in reversed(frames):
        try:
            json.loads(text)
            return time_us
        except ValueError:
            continue
    raise AssertionError("no readable frame")


def deleted_up_to(frames: list[Frame], cursor: int) -> set[str]:
    """Posts whose delete event came at or before ``cursor``."""
    gone: set[str] = set()
    for time_us, text in frames:
        if time_us > cursor:
            break
        if '"operation": "delete"' in text:
            event = json.loads(text)
            gone.add(f"at://{event['did']}/app.bsky.feed.post/{event['commit']['rkey']}")
    return gone


def as_stored(uris: set[str]) -> set[str]:
    """Upstream uris as the store holds them (the DID keyed-hashed)."""
    return set(stored_form(dict.fromkeys(uris, "")))


def check_cursor_not_ahead(store, frames: list[Frame], highest: list[int]) -> None:
    """Every post alive at the cursor is stored, unless a later delete was already applied (the
    cursor moves back by the rewind after a restart, the store does not); nothing deleted comes back.

    Exact: upstream deletes commit in the same transaction as their batch and its cursor, so the
    only deletes the store may be ahead by are those up to the furthest cursor ever committed."""
    cursor = jetstream_time(store, "bsky")
    if cursor is None:
        return
    highest[0] = max(highest[0], int(cursor))
    stored = set(stored_keys(store))
    already_deleted = as_stored(deleted_up_to(frames, highest[0]))
    missing = as_stored(set(live_at(frames, int(cursor)))) - stored - already_deleted
    assert not missing, f"the cursor is ahead of the stored data: {len(missing)} posts missing"
    resurrected = stored & as_stored(deleted_up_to(frames, int(cursor)))
    assert not resurrected, f"{len(resurrected)} posts deleted upstream are stored again"


def wait_for(condition, *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("timed out waiting for the listener")


@pytest.mark.slow
def test_listen_survives_sigkill_without_loss_or_duplicates_on_sqlite(tmp_path):
    fault_run(tmp_path, f"sqlite:///{tmp_path / 'listen.db'}", kills=4, seed=1234)


@pytest.mark.slow
@pytest.mark.postgres
def test_listen_survives_sigkill_without_loss_or_duplicates_on_postgres(tmp_path):
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"PostgreSQL fault test needs {POSTGRES_ENV} (e.g. from scripts/start-postgres)")
    schema = f"live_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(url)
    with admin.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    scoped = sa.engine.make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        fault_run(tmp_path, scoped.render_as_string(hide_password=False), kills=2, seed=99)
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def test_sigterm_commits_the_current_batch_and_exits_0(tmp_path):
    frames, expected = jetstream_events(500, seed=4)
    db_url = f"sqlite:///{tmp_path / 'term.db'}"
    with JetstreamReplay(frames, frame_delay=0.004) as server, open_store(db_url) as store:
        config = write_config(tmp_path / "tactful.toml", db_url, server.url)
        process = start_listener(config, tmp_path)
        wait_for(lambda: len(server.requests) >= 1, timeout=30)
        time.sleep(0.8)
        output = finish(process, tmp_path)
        cursor = jetstream_time(store, "bsky")
        assert process.returncode == 0, output[-2000:]
        assert cursor is not None and cursor != str(frames[-1][0])  # stopped mid-stream...
        missing = set(stored_form(live_at(frames, int(cursor)))) - set(stored_keys(store))
        assert not missing  # ...with everything up to its cursor stored
        assert "bsky: " in output and "listen.stop" in output  # the summary line, a clean stop


def test_an_unknown_source_name_is_a_usage_error(tmp_path):
    config = write_config(tmp_path / "tactful.toml", f"sqlite:///{tmp_path / 'x.db'}", "ws://127.0.0.1:9/s")
    result = subprocess.run(
        [sys.executable, "-m", "tactful", "listen", "--config", str(config), "--source", "nope"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "TACTFUL_SECRET": TEST_SECRET},
    )
    assert result.returncode == 2
    assert "no source named 'nope'" in result.stderr


def test_listen_runs_mastodon_reddit_and_rss_together_with_credentials_from_the_environment(tmp_path):
    from tests.sources.replay import (
        HttpReplay,
        Reply,
        WebsocketReplay,
        mastodon_message,
        mastodon_status,
        reddit_listing,
        reddit_post,
    )
    from tests.sources.test_rss import RSS, feed_route

    token = {"access_token": "tok", "token_type": "bearer", "expires_in": 86400, "scope": "*"}
    routes = {
        "POST /api/v1/access_token": lambda *a: Reply(200, token),
        "GET /r/acme/new": lambda *a: Reply(200, reddit_listing([reddit_post(7, "acme refund never came")])),
        "GET /news.rss": feed_route(RSS, '"v1"', "application/rss+xml"),
    }
    status = mastodon_status(4242, "acme outage again")
    db_url = f"sqlite:///{tmp_path / 'multi.db'}"
    with (
        WebsocketReplay([mastodon_message("update", status)]) as stream,
        HttpReplay(routes) as http,
        open_store(db_url) as store,
    ):
        config = tmp_path / "tactful.toml"
        config.write_text(
            f"""[brand]
name = "Acme"
[store]
url = "{db_url}"
[[queries]]
name = "acme"
query = "acme"
[sources.masto]
type = "mastodon"
instance = "{http.url}"
streaming_url = "{stream.http_url}"
tags = ["acme"]
token_env = "T_MASTO"
idle_seconds = 0.2
[sources.rdt]
type = "reddit"
user_agent = "python:tactful-tests:0.1 (by /u/tactful_dev)"
client_id_env = "T_RID"
client_secret_env = "T_RSECRET"
subreddits = ["acme"]
comments = false
auth_url = "{http.url}/api/v1/access_token"
api_url = "{http.url}"
[sources.news]
type = "rss"
feeds = ["{http.url}/news.rss"]
[sources.hook]
type = "webhook"
secret_env = "T_HOOK"
""",
            encoding="utf-8",
        )
        env = {**os.environ, "TACTFUL_SECRET": TEST_SECRET, "T_MASTO": "m", "T_RID": "i", "T_RSECRET": "s"}
        log = (tmp_path / "listen.log").open("ab")
        process = subprocess.Popen(
            [sys.executable, "-m", "tactful", "-v", "listen", "--config", str(config)],
            cwd=tmp_path,
            env=env,
            stdout=log,
            stderr=log,
        )
        wanted = {"4242", "t3_p7", "news-1001"}
        wait_for(lambda: wanted <= set(stored_keys(store)), timeout=60)
        output = finish(process, tmp_path)
        assert process.returncode == 0, output[-2000:]
        assert {"masto", "rdt", "news"} == {s for s in ("masto", "rdt", "news") if f"{s}: " in output}
        assert store.get_cursor("masto") == "4242"


def test_a_missing_credential_stops_the_listener_with_the_variable_named(tmp_path):
    config = tmp_path / "tactful.toml"
    config.write_text(
        f"""[brand]
name = "Acme"
[store]
url = "sqlite:///{tmp_path / "x.db"}"
[sources.masto]
type = "mastodon"
instance = "http://127.0.0.1:9"
tags = ["acme"]
token_env = "T_UNSET_TOKEN"
""",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k != "T_UNSET_TOKEN"}
    result = subprocess.run(
        [sys.executable, "-m", "tactful", "listen", "--config", str(config)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**env, "TACTFUL_SECRET": TEST_SECRET},
    )
    assert result.returncode == 1
    assert "masto stopped: error E101" in result.stderr and "T_UNSET_TOKEN" in result.stderr
