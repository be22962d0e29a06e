"""Brute-force protection through the app: sign-in and API tokens, 429 + Retry-After, audited without PII."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from tests.web import seed

from tactful.web.app import create_app
from tactful.web.ratelimit import FailureLimiter

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def throttled(web_store, clock):  # type: ignore[no-untyped-def]
    return create_app(seed.config(), web_store, dev=True, limiter=FailureLimiter(b"t" * 32, clock=clock))


def _login(client: TestClient, username: str, password: str):  # type: ignore[no-untyped-def]
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token},
        headers={"accept": "text/html"},
        follow_redirects=False,
    )


def _audit(web_store) -> list[dict]:  # type: ignore[no-untyped-def]
    with web_store.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT actor, action, target, detail FROM audit_log ORDER BY seq")
        return [dict(r._mapping) for r in rows]


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(
    throttled, clock, web_store
) -> None:
    client = TestClient(throttled)
    assert [_login(client, "agent", "wrong password").status_code for _ in range(5)] == [401] * 5
    locked = _login(client, "agent", seed.password("agent"))
    assert locked.status_code == 429
    assert locked.headers["Retry-After"] == "900"
    assert "Too many failed attempts" in locked.text
    clock.now += timedelta(minutes=15)
    assert _login(client, "agent", seed.password("agent")).status_code == 303


def test_a_right_password_clears_the_accounts_count(throttled) -> None:
    client = TestClient(throttled)
    for _ in range(4):
        _login(client, "agent", "wrong password")
    assert _login(client, "agent", seed.password("agent")).status_code == 303
    client.cookies.clear()
    assert _login(client, "agent", "wrong password").status_code == 401  # counting starts again


def test_one_address_guessing_many_accounts_is_blocked_by_address(throttled) -> None:
    client = TestClient(throttled)
    for name in ("a1", "a2", "a3", "a4", "a5"):
        assert _login(client, name, "guess").status_code == 401
    assert _login(client, "admin", seed.password("admin")).status_code == 429
    other_address = TestClient(throttled, client=("198.51.100.7", 50000))
    assert _login(other_address, "admin", seed.password("admin")).status_code == 303


def test_failures_are_audited_and_logged_with_hashes_only(throttled, web_store, capsys) -> None:
    client = TestClient(throttled)
    _login(client, "dana.secret.name", "wrong password")
    entries = [e for e in _audit(web_store) if e["action"] == "auth.failure"]
    assert len(entries) == 1
    entry = entries[0]
    assert entry["actor"] == "web:anonymous" and entry["target"].startswith("account:")
    captured = capsys.readouterr()
    logged = captured.out + captured.err
    assert "web.auth_failure" in logged
    assert "dana" not in str(entries) + logged and "testclient" not in str(entries) + logged


def test_bad_api_tokens_are_throttled_by_address(throttled, web_store, clock) -> None:
    from tactful.web.users import issue_token

    good = issue_token(web_store.engine, "viewer", name="ok")
    client = TestClient(throttled)
    bad = {"Authorization": "Bearer tfl_not-a-token"}
    assert [client.get("/api/dashboard", headers=bad).status_code for _ in range(5)] == [401] * 5
    answer = client.get("/api/dashboard", headers={"Authorization": f"Bearer {good}"})
    assert answer.status_code == 429
    assert answer.json()["error"]["code"] == "E429" and int(answer.headers["Retry-After"]) == 900
    assert sum(e["action"] == "auth.failure" for e in _audit(web_store)) == 5  # refusals are not audited
    clock.now += timedelta(minutes=16)
    assert client.get("/api/dashboard", headers={"Authorization": f"Bearer {good}"}).status_code == 200
