"""``tactful stats``: counts from the store, as a table or JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tactful.records import QueryMatch, StoredPost
from tactful.store import open_store


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("TACTFUL_DATABASE_URL", "TACTFUL_CONFIG")}
    return subprocess.run([sys.executable, "-m", "tactful", *args], capture_output=True, text=True, cwd=cwd,
                          env=environ)


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'stats.db'}"
    brand, competitor = QueryMatch("acme", "brand"), QueryMatch("globex", "competitor:globex")
    posts = [StoredPost("bluesky", str(i), "p", "text", datetime(2026, 3, 1 + i % 2, tzinfo=UTC),
                        matches=[brand if i < 3 else competitor]) for i in range(5)]
    with open_store(url) as store:
        store.write_batch(posts, [])
    return url


def test_stats_json_counts_by_group(db, tmp_path):
    result = run_cli("stats", "--db", db, "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"by": "group", "total": 5, "counts": [
        {"key": "brand", "posts": 3}, {"key": "competitor:globex", "posts": 2}]}


def test_stats_prints_a_table_by_day(db, tmp_path):
    result = run_cli("stats", "--db", db, "--by", "day", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if "2026-03-0" in line]
    assert [line.split()[1::2] for line in lines] == [["2026-03-01", "3"], ["2026-03-02", "2"]]


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--by", "colour"], "--by"), (["--db", "sqlite:///nowhere.db"], "no database")],
)
def test_bad_input_exits_2(db, tmp_path, args, message):
    result = run_cli("stats", *([] if "--db" in args else ["--db", db]), *args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
