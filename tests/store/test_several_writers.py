"""Several writers on one database: two ``tactful listen`` processes and the web app, all at once.

Two listeners read two Jetstream replays (loopback websockets) whose events
overlap by half: every post in the overlap arrives twice, from two processes.
Meanwhile three agents work the inbox through ``tactful serve`` (uvicorn on
loopback, API tokens): list (which syncs the inbox), claim, assign each other's
items, reply and resolve. Afterwards:

* every matching post that upstream still holds is stored exactly once, no
  deleted one is (the unique key and tombstones absorb the second copy);
* every post the policy answers joined the inbox exactly once, and each thread
  has one conversation;
* no two claims got the same item, and no update was lost: each conversation's
  status and assignee are what its own history of events leads to;
* nothing crashed: both listeners exit 0, the web app answered no 5xx.

Runs on SQLite (WAL, busy_timeout) and, with TACTFUL_TEST_DATABASE_URL, on PostgreSQL.
"""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from tests.sources.livekit import TEST_SECRET, jetstream_time, stored_form, stored_keys
from tests.sources.replay import BASE_TIME_US, Frame, JetstreamReplay, commit_event

from tactful.engage.inbox import Inbox
from tactful.engage.workflow import next_status
from tactful.store import Store, open_store
from tactful.store.schema import (
    decisions,
    inbox_conversations,
    inbox_events,
    inbox_posts,
    posts,
    source_health,
)
from tactful.web.users import add_user, issue_token

pytestmark = pytest.mark.slow

WEB_SECRET = "several-writers-session-secret-0123456789abcdef"
AGENTS = ("alice", "bob", "carol")
BRAND = "acme.bsky.social"


# --- the upstream: threads of complaints, some deleted --------------------------------------------


@dataclass
class Upstream:
    frames: list[Frame] = field(default_factory=list)
    live: dict[str, str] = field(default_factory=dict)  # uri -> text, as upstream holds it at the end


def uri_of(author: int, rkey: str) -> str:
    return f"at://did:plc:author{author:04d}/app.bsky.feed.post/{rkey}"


def upstream(threads: int, seed: int) -> Upstream:
    """Each thread: a complaint at the brand, then follow-ups from the same author; ~1 in 10 deleted."""
    rng = random.Random(seed)
    made = Upstream()
    open_threads: list[tuple[int, str]] = []  # (author, root uri)
    n = 0
    while n < threads * 3:
        time_us = BASE_TIME_US + len(made.frames) * 1000
        roll = rng.random()
        if roll < 0.08 and made.live:
            uri = rng.choice(sorted(made.live))
            author, rkey = int(uri.split("author")[1][:4]), uri.rsplit("/", 1)[1]
            event = commit_event(time_us, author, rkey, "delete")
            del made.live[uri]
        elif roll < 0.45 and open_threads:
            author, root = rng.choice(open_threads)
            rkey = f"3r{n:06d}"
            text = f"@{BRAND} still no answer from acme about my refund, day {n}"
            event = commit_event(time_us, author, rkey, "create", text)
            event["commit"]["record"]["reply"] = {
                "root": {"uri": root, "cid": "c"},
                "parent": {"uri": root, "cid": "c"},
            }
            made.live[uri_of(author, rkey)] = text
        else:
            author, rkey = n % 40, f"3t{n:06d}"
            text = f"@{BRAND} my acme order {n} never arrived and support ignores me, this is terrible"
            event = commit_event(time_us, author, rkey, "create", text)
            open_threads.append((author, uri_of(author, rkey)))
            made.live[uri_of(author, rkey)] = text
        made.frames.append((time_us, json.dumps(event)))
        n += 1
    return made


# --- the processes ---------------------------------------------------------------------------------


def write_config(path: Path, db_url: str, servers: dict[str, str]) -> Path:
    lines = ["[brand]", 'name = "Acme"', "[brand.handles]", f'bluesky = ["{BRAND}"]', "[store]",
             f"url = {json.dumps(db_url)}", "[[queries]]", 'name = "acme"', 'query = "acme"']  # fmt: skip
    for name, url in servers.items():
        lines += [f"[sources.{name}]", 'type = "jetstream"', f'url = "{url}"', "idle_seconds = 0.2",
                  "batch_size = 20", "flush_seconds = 0.2", "check_labels = false"]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


ENV = {"TACTFUL_SECRET": TEST_SECRET, "TACTFUL_WEB_SECRET": WEB_SECRET}


def spawn(args: list[str], cwd: Path, log_name: str) -> subprocess.Popen[bytes]:
    log = (cwd / log_name).open("ab")  # a file, not a pipe: a full pipe would block the process
    return subprocess.Popen([sys.executable, "-m", "tactful", *args], cwd=cwd, env={**os.environ, **ENV},
                            stdout=log, stderr=log)  # fmt: skip


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(condition: Any, *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def answering(url: str) -> bool:
    try:
        return httpx.get(f"{url}/healthz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


# --- the agents ------------------------------------------------------------------------------------


@dataclass
class AgentLog:
    claimed: list[int] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)  # the web app dropped the connection, ...


def work_the_inbox(base: str, token: str, me: str, stop: threading.Event, log: AgentLog, seed: int) -> None:
    """List, claim, take over someone's item, reply, resolve: until told to stop."""
    rng = random.Random(seed)
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=60) as client:

        def call(method: str, path: str, body: dict[str, Any] | None = None) -> Any:
            try:
                answer = client.request(method, path, json=body)
            except httpx.HTTPError as exc:
                log.failures.append(type(exc).__name__)
                return None
            log.statuses[answer.status_code] += 1
            return answer.json() if answer.status_code == 200 else None

        while not stop.is_set():
            listed = (call("GET", "/api/inbox?limit=50") or {}).get("items", [])
            claimed = (call("POST", "/api/inbox/claim") or {}).get("item")
            if claimed:
                log.claimed.append(claimed["id"])
            if listed:  # take over a random open item: contends with the other agents and the syncs
                call("POST", f"/api/inbox/{rng.choice(listed)['id']}/assign", {"person": me})
            if claimed and rng.random() < 0.6:
                call("POST", f"/api/inbox/{claimed['id']}/reply", {"text": "Sorry about that: DM us?"})
            if claimed and rng.random() < 0.4:
                call("POST", f"/api/inbox/{claimed['id']}/resolve")


# --- what must hold afterwards ---------------------------------------------------------------------


def replayed(history: list[Any]) -> tuple[str, str | None]:
    """(status, assignee) that a conversation's own events lead to, in order (the recorded
    ``status`` of a customer post is not trusted: a lost update would have written it)."""
    status, assignee = "new", None
    for event in history:
        detail = event.detail
        if event.kind == "assign":
            person, team = detail.get("person"), detail.get("team")
            has_person = bool(person) or (assignee is not None and not team)
            status = next_status(status, "assign" if has_person else "unassign", has_assignee=has_person)
            assignee = person or (None if team else assignee)
        elif event.kind in ("customer_post", "reopen", "reply", "resolve"):
            status = next_status(status, event.kind, has_assignee=assignee is not None)
    return status, assignee


def check_inbox(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        rows = {r.id: r for r in conn.execute(sa.select(inbox_conversations))}
        events = conn.execute(sa.select(inbox_events).order_by(inbox_events.c.id)).all()
        links = conn.execute(sa.select(inbox_posts.c.post_id, inbox_posts.c.conversation_id)).all()
        answerable = set(conn.execute(
            sa.select(posts.c.id).join(decisions, decisions.c.post_id == posts.c.id)
            .where(decisions.c.action.in_(("respond", "route")))).scalars())  # fmt: skip
        thread_of = {r.id: f"bluesky:{r.thread_id or r.platform_id}" for r in conn.execute(
            sa.select(posts.c.id, posts.c.thread_id, posts.c.platform_id))}  # fmt: skip
    linked = Counter(post_id for post_id, _ in links)
    assert [p for p, times in linked.items() if times > 1] == [], "a post joined the inbox twice"
    assert answerable <= set(linked), "a post the policy answers is missing from the inbox"
    assert all(thread_of[p] == rows[c].thread_key for p, c in links), "a post joined another thread's item"
    keys = Counter(row.thread_key for row in rows.values())
    assert [k for k, times in keys.items() if times > 1] == [], "a thread has two conversations"
    by_conversation: dict[int, list[Any]] = {}
    for event in events:
        by_conversation.setdefault(event.conversation_id, []).append(event)
    lost = [cid for cid, row in rows.items() if replayed(by_conversation[cid]) != (row.status, row.assignee)]
    assert lost == [], f"{len(lost)} conversations are not where their history leads (a lost update)"
    return {"conversations": len(rows), "linked": len(linked), "events": len(events)}


# --- the test ---------------------------------------------------------------------------------------


LISTENERS = ("bsky_a", "bsky_b")


@dataclass
class Run:
    """What the processes and the agents left behind."""

    exits: list[int | None]
    logs: dict[str, AgentLog]
    outputs: dict[str, str]


def run_everything(store: Store, config: Path, ends: dict[str, str], tmp_path: Path) -> Run:
    """Start the web app and its agents, then both listeners; stop all once both streams are in."""
    tokens = {me: add_token(store, me) for me in AGENTS}
    port = free_port()
    web = spawn(["serve", "--config", str(config), "--port", str(port)], tmp_path, "web.log")
    base = f"http://127.0.0.1:{port}"
    wait_for(lambda: answering(base), timeout=60, what="the web app")
    stop, logs = threading.Event(), {me: AgentLog() for me in AGENTS}
    agents = [
        threading.Thread(target=work_the_inbox, args=(base, tokens[me], me, stop, logs[me], n))
        for n, me in enumerate(AGENTS)
    ]
    for agent in agents:
        agent.start()
    processes = [spawn(["-v", "listen", "--config", str(config), "--source", s], tmp_path, f"{s}.log")
                 for s in LISTENERS] + [web]  # fmt: skip
    try:
        in_by_now = lambda: all(jetstream_time(store, s) == end for s, end in ends.items())  # noqa: E731
        wait_for(in_by_now, timeout=240, what="both listeners to reach the end of their streams")
        time.sleep(1.0)  # the agents keep going a little after the last batch
    finally:
        stop.set()
        for agent in agents:
            agent.join(60)
        for process in processes:
            process.send_signal(signal.SIGTERM)
        exits = [process.wait(30) for process in processes]
    outputs = {name: (tmp_path / f"{name}.log").read_text(errors="replace") for name in [*LISTENERS, "web"]}
    return Run(exits, logs, outputs)


def test_two_listeners_and_the_web_app_writing_at_once_lose_nothing(store_url: str, tmp_path: Path) -> None:
    made = upstream(threads=90, seed=8)
    half = len(made.frames) // 2
    first, second = made.frames[: half + half // 2], made.frames[half - half // 2 :]  # overlap: half
    with (
        JetstreamReplay(first, frame_delay=0.002) as server_a,
        JetstreamReplay(second, frame_delay=0.002) as server_b,
        open_store(store_url) as store,
    ):
        config = write_config(
            tmp_path / "tactful.toml", store_url, {"bsky_a": server_a.url, "bsky_b": server_b.url}
        )
        run = run_everything(
            store, config, {"bsky_a": str(first[-1][0]), "bsky_b": str(second[-1][0])}, tmp_path
        )
        assert run.exits[:2] == [0, 0], run.outputs
        assert not [
            name for name, out in run.outputs.items() if "IntegrityError" in out or "Traceback" in out
        ], run.outputs
        with store.engine.connect() as conn:  # a write the runner had to retry (a deadlock, a conflict)
            errors = dict(conn.execute(sa.select(source_health.c.source, source_health.c.errors)).all())
        assert errors == {"bsky_a": 0, "bsky_b": 0}, run.outputs
        statuses = sum((log.statuses for log in run.logs.values()), Counter())
        assert not [code for code in statuses if code >= 500], (statuses, run.outputs["web"][-3000:])
        assert [f for log in run.logs.values() for f in log.failures] == [], run.outputs["web"][-3000:]

        stored = stored_keys(store)
        wanted = stored_form({uri: text for uri, text in made.live.items() if "acme" in text})
        assert set(stored) == set(wanted), "posts lost or resurrected"
        assert store.count_posts() == len(stored), "a post was stored twice"
        Inbox(store.engine).sync()  # posts from the listeners' last batches, after the agents stopped
        counts = check_inbox(store)
        claims = [item for log in run.logs.values() for item in log.claimed]
        assert len(claims) == len(set(claims)), "two claims got the same item"
        assert claims and counts["conversations"] > 0  # the agents really were working


def add_token(store: Store, username: str) -> str:
    add_user(store.engine, username, f"{username}-password-0123", role="agent")
    return issue_token(store.engine, username, name="test", days=1)
