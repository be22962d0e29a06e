"""Shared pieces for the live-source tests: a config, the real pipeline, a runner in a thread.

Imported by the test modules (``from tests.sources.livekit import ...``); the
fixtures here are pytest fixtures once imported.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from tactful.config import Config, parse_config
from tactful.engines.local import build_stages, pipeline_for
from tactful.pipeline import Pipeline
from tactful.sources.backoff import Backoff
from tactful.sources.live import Link, LiveSource
from tactful.sources.runner import ListenReport, LiveRunner
from tactful.store import Store, open_store
from tactful.store.schema import posts, source_cursors

TEST_SECRET = "live-test-secret-0123456789abcdef0123456789"
FAST_BACKOFF = Backoff(base=0.02, cap=0.1)


def config_data(db_url: str, sources: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "brand": {"name": "Acme", "handles": {"bluesky": ["acme.bsky.social"]}},
        "queries": [{"name": "acme", "query": "acme"}],
        "store": {"url": db_url},
        "sources": sources or {},
    }


@pytest.fixture
def secret_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TACTFUL_SECRET", TEST_SECRET)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'live.db'}"


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with open_store(db_url) as opened:
        yield opened


@pytest.fixture
def config(db_url: str, secret_env: None) -> Config:
    return parse_config(config_data(db_url))


@pytest.fixture
def make_pipeline(config: Config) -> Callable[[LiveSource], Pipeline]:
    stages = build_stages(config)
    return lambda source: pipeline_for(source, stages)


def run_until(
    source: LiveSource,
    pipeline: Pipeline,
    store: Store,
    done: Callable[[LiveRunner], bool],
    *,
    timeout: float = 20.0,
    link: Link | None = None,
) -> tuple[ListenReport, LiveRunner]:
    """Run a LiveRunner in a thread until ``done(runner)`` holds (or the timeout), then stop it cleanly."""
    link = link or Link(backoff=FAST_BACKOFF)
    runner = LiveRunner(source, pipeline, store, link=link)
    result: dict[str, Any] = {}
    thread = threading.Thread(target=lambda: result.setdefault("report", runner.run()), daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not done(runner) and thread.is_alive():
        time.sleep(0.05)
    link.stop.set()
    thread.join(10)
    assert not thread.is_alive(), "the runner did not stop when asked"
    return result["report"], runner


def stored_keys(store: Store) -> dict[str, str]:
    with store.engine.connect() as conn:
        return dict(conn.execute(sa.select(posts.c.platform_id, posts.c.text)).all())


def stored_form(expected: dict[str, str], platform: str = "bluesky") -> dict[str, str]:
    """Expected {platform id: text} with ids as the store holds them (the account part keyed-hashed)."""
    from tactful.privacy.platform_ids import stored_id
    from tactful.privacy.pseudonyms import Keyring

    keyring = Keyring((TEST_SECRET.encode(),))
    return {stored_id(keyring, platform, key): text for key, text in expected.items()}


def count_posts(store: Store) -> int:
    return store.count_posts()


def cursor_of(store: Store, source: str) -> str | None:
    with store.engine.connect() as conn:
        return conn.execute(
            sa.select(source_cursors.c.cursor).where(source_cursors.c.source == source)
        ).scalar_one_or_none()


def canonical_dump(store: Store) -> list[tuple[Any, ...]]:
    """Every stored post and child row, without surrogate ids or ingestion times: comparable across runs."""
    skip = {"id", "post_id", "ingested_at", "created_at_local"}
    out: list[tuple[Any, ...]] = []
    with store.engine.connect() as conn:
        key_of = {row.id: (row.platform, row.platform_id) for row in conn.execute(sa.select(posts))}
        for table in sorted(posts.metadata.sorted_tables, key=lambda t: t.name):
            if table.name not in ("posts", "post_matches", "analyses", "post_aspects", "decisions"):
                continue
            for row in conn.execute(sa.select(table)):
                data = row._asdict()
                owner = key_of.get(data.get("post_id", data.get("id")))
                values = tuple(sorted((k, repr(v)) for k, v in data.items() if k not in skip))
                out.append((table.name, owner, values))
    return sorted(out)


def jetstream_time(store: Store, source: str) -> str | None:
    """The ``time_us`` of a Jetstream source's committed cursor, as a string (None before any commit)."""
    from tactful.sources.jetstream import cursor_time

    value = cursor_time(cursor_of(store, source))
    return str(value) if value is not None else None
