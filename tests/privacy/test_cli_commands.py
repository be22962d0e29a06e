"""The privacy commands from the outside: optout, transparency, and the secret a request needs."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from tests.privacy.keys import TEST_SECRET
from tests.privacy.ops_fixtures import *  # noqa: F403
from tests.privacy.ops_fixtures import DEMO, ingest

from tactful.store import open_store

CONFIG = str(DEMO / "skylark.toml")


def run(*args: str, secret: str | None = TEST_SECRET) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TACTFUL_SECRET", "TACTFUL_DEV")}
    if secret:
        env["TACTFUL_SECRET"] = secret
    return subprocess.run(
        [sys.executable, "-m", "tactful", *args], env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def ingested(store_url, secret, demo_config) -> str:
    with open_store(store_url) as store:
        ingest(store, demo_config)
    return store_url


def test_optout_add_erases_and_never_echoes_the_handle(ingested, answer_key):
    out = run(
        "optout",
        "add",
        "--platform",
        "twitter",
        "--handle",
        "luciaflies",
        "--db",
        ingested,
        "--config",
        CONFIG,
        "--json",
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["erased"]["posts"] == sum(
        row["author"] == "luciaflies" for row in answer_key
    )
    assert "luciaflies" not in out.stdout + out.stderr
    again = run("optout", "count", "--db", ingested, "--config", CONFIG)
    assert again.returncode == 0 and "keyed hashes" in again.stdout


def test_a_request_without_a_secret_is_refused(ingested):
    out = run(
        "subject",
        "export",
        "--platform",
        "twitter",
        "--handle",
        "luciaflies",
        "--db",
        ingested,
        "--config",
        CONFIG,
        secret=None,
    )
    assert out.returncode == 2 and "E101" in out.stderr and "luciaflies" not in out.stderr


def test_a_request_must_name_someone(ingested):
    out = run("subject", "erase", "--platform", "twitter", "--db", ingested, "--config", CONFIG)
    assert out.returncode == 2 and "--handle or --account-id" in out.stderr


@pytest.mark.parametrize(
    ("fmt", "marker"), [("md", "# How Skylark Airways listens"), ("html", "<h1>How Skylark")]
)
def test_transparency_renders_the_notice(tmp_path, fmt, marker):
    printed = run("transparency", "--format", fmt, "--config", CONFIG)
    assert printed.returncode == 0 and marker in printed.stdout
    target = tmp_path / f"notice.{fmt}"
    written = run("transparency", "--format", fmt, "--output", str(target), "--config", CONFIG)
    assert written.returncode == 0 and target.read_text(encoding="utf-8") == printed.stdout


def test_transparency_rejects_an_unknown_format():
    out = run("transparency", "--format", "pdf", "--config", CONFIG)
    assert out.returncode == 2 and "md or html" in out.stderr
