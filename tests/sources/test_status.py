"""Connector status and alerts: persisted health re-judged against the clock, and the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from tests.sources.livekit import config_data

from tactful.config import parse_config
from tactful.sources.health import SourceHealth
from tactful.sources.status import source_alerts, source_status
from tactful.store.source_health import save_health

NOW = datetime(2025, 11, 29, 12, tzinfo=UTC)
SOURCES = {
    "bsky": {"type": "jetstream", "quiet_after_seconds": 600},
    "masto": {"type": "mastodon", "instance": "https://m.example", "tags": ["acme"]},
    "news": {"type": "rss", "feeds": ["https://n.example/rss"]},
    "hook": {"type": "webhook", "secret_env": "X"},
}


@pytest.mark.parametrize(
    ("health", "state", "alert"),
    [
        (
            SourceHealth("bsky", "running", last_event_at=NOW - timedelta(seconds=60), updated_at=NOW),
            "running",
            False,
        ),
        (
            SourceHealth("bsky", "running", last_event_at=NOW - timedelta(seconds=601), updated_at=NOW),
            "quiet",
            True,
        ),
        (
            SourceHealth("bsky", "failing", consecutive_errors=5, last_error="http_401", updated_at=NOW),
            "failing",
            True,
        ),
        (SourceHealth("bsky", "stopped", updated_at=NOW - timedelta(days=3)), "stopped", False),
        (None, "never_run", True),
    ],
)
def test_states_are_rejudged_against_now(store, db_url, health, state, alert):
    if health is not None:
        save_health(store, health)
    config = parse_config(config_data(db_url, SOURCES))
    bsky = next(s for s in source_status(config, store, NOW) if s.name == "bsky")
    assert (bsky.state, bsky.alert) == (state, alert)
    assert ("bsky" in {s.name for s in source_alerts(config, store, NOW)}) is alert


def test_webhooks_are_not_watched_and_health_round_trips(store, db_url):
    saved = SourceHealth(
        "news",
        "running",
        last_event_at=NOW,
        last_event_time=NOW - timedelta(seconds=3),
        events=10,
        errors=1,
        consecutive_errors=0,
        last_error="timeout",
        updated_at=NOW,
    )
    save_health(store, saved)
    save_health(store, saved)  # an upsert, not a second row
    config = parse_config(config_data(db_url, SOURCES))
    statuses = {s.name: s for s in source_status(config, store, NOW)}
    assert set(statuses) == {"bsky", "masto", "news"}
    assert statuses["news"].health == saved
    assert statuses["news"].health.lag_seconds() == 3.0


def test_the_cli_prints_json_and_exits_1_when_a_source_needs_attention(store, db_url, tmp_path):
    path = tmp_path / "tactful.toml"
    path.write_text(
        f'[brand]\nname = "Acme"\n[store]\nurl = "{db_url}"\n[sources.news]\ntype = "rss"\n'
        'feeds = ["https://n.example/rss"]\n',
        encoding="utf-8",
    )
    save_health(
        store,
        SourceHealth(
            "news",
            "failing",
            errors=6,
            consecutive_errors=6,
            last_error="http_503",
            updated_at=datetime.now(UTC),
        ),
    )
    result = subprocess.run(
        [sys.executable, "-m", "tactful", "sources", "status", "--config", str(path), "--json"],
        capture_output=True,
        text=True,
        env=dict(os.environ),
    )
    assert result.returncode == 1
    [row] = json.loads(result.stdout)
    assert (row["name"], row["state"], row["alert"], row["health"]["last_error"]) == (
        "news",
        "failing",
        True,
        "http_503",
    )
