"""``tactful ingest``: files through the whole pipeline into the store, with the accounting printed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tactful.cli.init import write_example_config

SECRET = "a-test-installation-secret-of-plenty-characters"
BUCKETS = ("stored", "not_matched", "withheld", "duplicate", "rejected")


def row(post_id: str, text: str | None, hour: int) -> str:
    record = {"id": post_id, "created_at": f"2026-03-01T{hour:02d}:00Z", "author": f"user{post_id}"}
    return json.dumps(record if text is None else {**record, "text": text})


ROWS = [
    row("1", "@acme my order never arrived", 9),  # brand
    row("2", "the acme rocket is great", 10),  # brand and product
    row("3", "globex support is slow", 11),  # competitor
    row("4", "nothing relevant here", 12),  # not matched
    '{"id": "5", "text": "broken',  # rejected: not JSON
    row("6", None, 13),  # rejected: no text
    row("1", "@acme my order never arrived", 9),  # duplicate
]


def run_cli(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("TACTFUL_DATABASE_URL", "TACTFUL_CONFIG")}
    environ.update(TACTFUL_SECRET=SECRET, **env)
    return subprocess.run([sys.executable, "-m", "tactful", *args], capture_output=True, text=True, cwd=cwd,
                          env=environ)


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    write_example_config(tmp_path / "tactful.toml")
    (tmp_path / "posts.jsonl").write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    return tmp_path


def test_ingest_prints_where_every_row_went(workdir):
    result = run_cli("ingest", "posts.jsonl", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert "read 7 = stored 3 + not matched 1 + withheld 0 + duplicate 1 + rejected 2" in result.stdout
    assert "invalid_json" in result.stdout  # the rejected rows, by reason code
    assert (workdir / "tactful.db").exists()


def test_worker_processes_store_what_one_process_stores(workdir):
    alone = run_cli("ingest", "posts.jsonl", "--json", "--db", "sqlite:///alone.db", cwd=workdir)
    pooled = run_cli("ingest", "posts.jsonl", "--json", "--db", "sqlite:///pooled.db", "--workers", "2",
                     "--batch-size", "1", cwd=workdir)
    assert pooled.returncode == 0, pooled.stderr
    assert json.loads(pooled.stdout) == json.loads(alone.stdout)
    listed = [run_cli("stats", "--db", f"sqlite:///{name}.db", "--json", cwd=workdir).stdout
              for name in ("alone", "pooled")]
    assert listed[0] == listed[1] and json.loads(listed[0])


def test_ingesting_again_stores_nothing_new_and_json_adds_up(workdir):
    run_cli("ingest", "posts.jsonl", cwd=workdir)
    result = run_cli("ingest", "posts.jsonl", "--json", cwd=workdir)
    report = json.loads(result.stdout)
    assert (report["read"], report["stored"], report["duplicate"], report["rejected"]) == (7, 0, 4, 2)
    assert sum(report["rejected_reasons"].values()) == 2
    assert report["read"] == sum(report[k] for k in BUCKETS)


def test_the_database_url_comes_from_db_then_env_then_config(workdir):
    env_db, flag_db = workdir / "env.db", workdir / "flag.db"
    run_cli("ingest", "posts.jsonl", cwd=workdir, TACTFUL_DATABASE_URL=f"sqlite:///{env_db}")
    run_cli("ingest", "posts.jsonl", "--db", f"sqlite:///{flag_db}", cwd=workdir,
            TACTFUL_DATABASE_URL=f"sqlite:///{env_db}")
    assert env_db.exists() and flag_db.exists()
    assert not (workdir / "tactful.db").exists()


def test_the_config_path_can_come_from_the_environment(workdir):
    (workdir / "tactful.toml").rename(workdir / "elsewhere.toml")
    result = run_cli("ingest", "posts.jsonl", "--json", cwd=workdir, TACTFUL_CONFIG="elsewhere.toml")
    assert json.loads(result.stdout)["stored"] == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.jsonl"], "no such file"),
        (["posts.jsonl", "--format", "nonsense"], "nonsense"),
        (["posts.jsonl", "--config", "absent.toml"], "tactful init"),
        (["posts.jsonl", "--map", "text"], "FIELD=COLUMN"),
    ],
)
def test_bad_input_exits_2_with_one_line(workdir, args, message):
    result = run_cli("ingest", *args, cwd=workdir)
    assert result.returncode == 2
    assert message in result.stderr
    assert not (workdir / "tactful.db").exists()


AIRLINES = ("VirginAmerica", "SouthwestAir", "JetBlue", "USAirways", "AmericanAir")


@pytest.mark.slow
@pytest.mark.shared_data
@pytest.mark.parametrize(
    ("file", "options", "brand", "handles", "queries"),
    [
        ("support/spotify_requests.jsonl", [], "Spotify", ["SpotifyCares", "Spotify"],
         [("spotify", "brand", "spotify OR @spotifycares OR @spotify")]),
        ("airline/dev.jsonl", ["--map", "platform=twitter"], "United", ["united"],
         [("united", "brand", "@united OR united"),
          *[(name.lower(), f"competitor:{name.lower()}", f"@{name.lower()}") for name in AIRLINES]]),
    ],
)
def test_public_data_ingests_adds_up_and_is_idempotent(shared_data, tmp_path, file, options, brand, handles,
                                                       queries):
    config = [f'[brand]\nname = "{brand}"\nhandles = {{ twitter = {json.dumps(handles)} }}\n']
    config += [f'[[queries]]\nname = "{n}"\ngroup = "{g}"\nquery = \'{q}\'\n' for n, g, q in queries]
    (tmp_path / "tactful.toml").write_text("\n".join(config), encoding="utf-8")
    args = ["ingest", str(shared_data / file), *options, "--json"]
    first = json.loads(run_cli(*args, cwd=tmp_path).stdout)
    assert first["read"] > 10_000 and first["stored"] > 1_000
    assert first["read"] == sum(first[k] for k in BUCKETS)
    again = json.loads(run_cli(*args, cwd=tmp_path).stdout)
    assert (again["read"], again["stored"]) == (first["read"], 0)
    assert again["duplicate"] == first["stored"] + first["duplicate"]
    stats = json.loads(run_cli("stats", "--by", "group", "--json", cwd=tmp_path).stdout)
    assert stats["total"] == first["stored"]
