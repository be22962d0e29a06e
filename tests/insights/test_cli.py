"""The insights, rollups, export and report commands on a small SQLite store."""

from __future__ import annotations

import json

import pytest
import structlog
from tests.insights.conftest import build_post, write
from typer.testing import CliRunner

from tactful.cli import app
from tactful.store import open_store

runner = CliRunner()


@pytest.fixture(autouse=True)
def _unconfigure_logging():
    """The commands point structlog at the runner's stderr, which closes: later tests must not log there."""
    yield
    structlog.reset_defaults()


@pytest.fixture
def db(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    with open_store(url) as store:
        write(
            store,
            [
                build_post(
                    i,
                    hours=i,
                    sentiment="negative" if i % 2 else "positive",
                    groups=("brand",) if i % 3 else ("competitor:aero",),
                    aspects=(("seat", "negative"),) if i % 2 else (),
                )
                for i in range(1, 13)
            ],
        )
    return url


def _run(*args):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize(
    ("args", "check"),
    [
        (
            ("insights", "sov"),
            lambda rows: {r["group"]: r["posts"] for r in rows} == {"brand": 8, "competitor:aero": 4},
        ),
        (("insights", "timeseries", "--group", "brand"), lambda rows: [r["posts"] for r in rows] == [8]),
        (
            ("insights", "drivers", "--from", "2026-03-02", "--to", "2026-03-03"),
            lambda rows: rows[0]["aspect"] == "seat" and rows[0]["negative"] == 4,
        ),
        (("insights", "breakdown", "--by", "platform", "-k", "2"), lambda rows: rows[0]["posts"] == 12),
        (("insights", "spikes"), lambda rows: rows == []),
    ],
)
def test_insights_commands_print_json(db, args, check):
    assert check(json.loads(_run(*args, "--json", "--db", db)))


def test_tables_print_without_json(db):
    assert "share of voice" in _run("insights", "sov", "--db", db)


def test_rollups_check_and_rebuild(db):
    assert "sentiment_hourly: consistent" in _run("rollups", "check", "--db", db)
    assert "sentiment_daily: 4 rows" in _run(
        "rollups", "rebuild", "--db", db
    )  # 2 groups x 2 sentiments, 1 day


def test_export_and_report_write_files(db, tmp_path):
    _run("export", "posts", "--format", "csv", "--output", str(tmp_path / "p.csv"), "--db", db)
    assert len((tmp_path / "p.csv").read_text(encoding="utf-8").splitlines()) == 13
    _run(
        "report",
        "--from",
        "2026-03-02",
        "--to",
        "2026-03-09",
        "--format",
        "html",
        "--output",
        str(tmp_path / "r.html"),
        "--db",
        db,
    )
    assert "Share of voice" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_a_bad_date_is_a_usage_error(db):
    result = runner.invoke(app, ["insights", "sov", "--from", "last tuesday", "--db", db])
    assert result.exit_code != 0
