"""``tactful enrich`` and ``tactful load-enriched``: archives to Parquet by day, and back into the store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.dataset as ds
import pytest

SECRET = "a-test-installation-secret-of-plenty-characters"
CONFIG = """
[brand]
name = "Acme"
handles = { bluesky = ["acme.bsky.social"] }

[[queries]]
name = "acme"
group = "brand"
query = "acme OR @acme.bsky.social"
"""
LINES = [
    {
        "id": "1",
        "text": "@acme.bsky.social my order never arrived",
        "created_at": "2024-05-01T10:00:00Z",
        "author": "ann",
        "platform": "bluesky",
    },
    {"id": "2", "text": "acme is fine", "created_at": "2024-05-02T10:00:00Z", "author": "bob"},
    {"id": "3", "text": "nothing relevant", "created_at": "2024-05-02T11:00:00Z", "author": "cy"},
    "{broken",
    {
        "id": "1",
        "text": "@acme.bsky.social my order never arrived",
        "created_at": "2024-05-01T10:00:00Z",
        "author": "ann",
        "platform": "bluesky",
    },
]


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("TACTFUL_DATABASE_URL", "TACTFUL_CONFIG")}
    environ.update(TACTFUL_SECRET=SECRET, OMP_NUM_THREADS="1")
    return subprocess.run(
        [sys.executable, "-m", "tactful", *args], capture_output=True, text=True, cwd=cwd, env=environ
    )


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "tactful.toml").write_text(CONFIG, encoding="utf-8")
    with (tmp_path / "posts.jsonl").open("w", encoding="utf-8") as out:
        out.writelines((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in LINES)
    return tmp_path


@pytest.mark.slow
def test_enrich_then_load_accounts_for_every_row(workdir):
    done = run_cli(
        "enrich", "--input", "posts.jsonl", "--output", "out", "--workers", "2", "--json", cwd=workdir
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert {k: report[k] for k in ("read", "written", "not_matched", "duplicate", "rejected")} == {
        "read": 5,
        "written": 2,
        "not_matched": 1,
        "duplicate": 1,
        "rejected": 1,
    }
    days = sorted(p.name for p in (workdir / "out").iterdir() if p.name.startswith("day="))
    assert days == ["day=2024-05-01", "day=2024-05-02"]
    assert ds.dataset(workdir / "out" / "_quarantine", format="parquet").count_rows() == 1

    loaded = run_cli("load-enriched", "--input", "out", "--db", "sqlite:///t.db", "--json", cwd=workdir)
    assert loaded.returncode == 0, loaded.stderr
    assert json.loads(loaded.stdout) == {"read": 2, "stored": 2, "duplicate": 0}
    again = run_cli("load-enriched", "--input", "out", "--db", "sqlite:///t.db", "--json", cwd=workdir)
    assert json.loads(again.stdout) == {"read": 2, "stored": 0, "duplicate": 2}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--input", "posts.jsonl", "--output", "posts.jsonl"), "exists and is not a folder"),
        (("--input", "missing.jsonl", "--output", "out"), "no such file"),
    ],
)
def test_enrich_refuses_bad_paths_in_one_line(workdir, args, message):
    done = run_cli("enrich", *args, cwd=workdir)
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr


def test_enrich_refuses_to_mix_into_a_non_empty_output(workdir):
    (workdir / "out").mkdir()
    (workdir / "out" / "old.parquet").write_bytes(b"")
    done = run_cli("enrich", "--input", "posts.jsonl", "--output", "out", cwd=workdir)
    assert done.returncode == 2 and "--overwrite" in done.stderr
