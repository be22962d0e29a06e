"""``tactful users add|list|token``, ``tactful serve`` without a secret, and the demo's dashboard offer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tactful.store import open_store
from tactful.web.demo import DEMO_USER, ensure_demo_user
from tactful.web.users import check_password, user_for_token


def run_cli(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {
        k: v
        for k, v in os.environ.items()
        if k not in ("TACTFUL_DATABASE_URL", "TACTFUL_CONFIG", "TACTFUL_WEB_SECRET")
    }
    return subprocess.run(
        [sys.executable, "-m", "tactful", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**environ, **env},
        timeout=120,
    )


def test_users_add_list_and_token(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'users.db'}"
    added = run_cli(
        "users",
        "add",
        "dana",
        "--role",
        "agent",
        "--db",
        url,
        cwd=tmp_path,
        TACTFUL_USER_PASSWORD="a long passphrase",
    )
    assert added.returncode == 0, added.stderr
    listed = run_cli("users", "list", "--db", url, cwd=tmp_path)
    assert listed.stdout.split() == ["dana", "agent"]
    token = run_cli("users", "token", "dana", "--days", "2", "--scope", "inbox", "--db", url, cwd=tmp_path)
    assert token.returncode == 0, token.stderr
    with open_store(url) as store:
        user = user_for_token(store.engine, token.stdout.strip())
        assert user is not None and user.areas == {"inbox"}
        assert check_password(store.engine, "dana", "a long passphrase") is not None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("users", "add", "x", "--role", "king"), "unknown role"),
        (("users", "token", "nobody"), "no such user"),
    ],
)
def test_users_errors_are_one_line(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    url = f"sqlite:///{tmp_path / 'users.db'}"
    done = run_cli(*args, "--db", url, cwd=tmp_path, TACTFUL_USER_PASSWORD="a long passphrase")
    assert done.returncode == 2 and message in " ".join(done.stderr.split())


def test_serve_refuses_to_start_without_a_secret(tmp_path: Path) -> None:
    done = run_cli("serve", "--db", f"sqlite:///{tmp_path / 'x.db'}", cwd=tmp_path)
    assert done.returncode == 2
    assert "TACTFUL_WEB_SECRET" in done.stderr


def test_the_demo_offers_the_dashboard_with_a_demo_user(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'demo.db'}") as store:
        offer = ensure_demo_user(store.engine, tmp_path, port=8123)
        again = ensure_demo_user(store.engine, tmp_path, port=8123)  # a second demo run reuses the user
        assert check_password(store.engine, DEMO_USER, offer.password) is not None
    assert again == offer
    text = "\n".join(offer.lines(serving=False))
    assert "http://127.0.0.1:8123/" in text and "tactful demo --serve" in text
    assert f"Sign in as {DEMO_USER} with password {offer.password}" in text
    assert (tmp_path / "demo-web-password").stat().st_mode & 0o077 == 0


MODELS = (
    Path(__file__).resolve().parents[2]
    / "src"
    / "tactful"
    / "understand"
    / "models"
    / "fast"
    / "manifest.json"
)


@pytest.mark.slow
@pytest.mark.skipif(not MODELS.exists(), reason="the demo needs the shipped fast-tier model artefacts")
def test_the_demo_command_ends_with_the_dashboard_offer(tmp_path: Path) -> None:
    done = run_cli("demo", "--workdir", str(tmp_path / "d"), "--port", "8111", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    password = (tmp_path / "d" / "demo-web-password").read_text(encoding="utf-8").strip()
    text = " ".join(done.stdout.split())
    assert "http://127.0.0.1:8111/" in text and "tactful demo --serve" in text
    assert f"Sign in as demo with password {password}" in text
