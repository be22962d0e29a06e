"""Web test fixtures: a seeded SQLite store (built once, copied per test), the app, signed-in clients.

Signing in costs an argon2 hash, so each role signs in once per session; the
session cookie (signed with the fixed test secret) then works in every test's app.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.sources.livekit import db_url, store  # noqa: F401  (the webhook tests' fixtures, from live)
from tests.web import seed

from tactful.store import Store, open_store
from tactful.web.app import SESSION_COOKIE, create_app


@pytest.fixture(autouse=True)
def _secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in seed.ENV.items():
        monkeypatch.setenv(name, value)


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "seeded.db"
    with seed.environment():
        seed.build_store(path).close()
    return path


@pytest.fixture
def web_store(seeded_db: Path, tmp_path: Path) -> Iterator[Store]:
    copy = tmp_path / "web.db"
    shutil.copyfile(seeded_db, copy)
    opened = open_store(f"sqlite:///{copy}")
    yield opened
    opened.close()


@pytest.fixture
def app(web_store: Store):  # type: ignore[no-untyped-def]
    return create_app(seed.config(), web_store, dev=True)


@pytest.fixture
def anonymous(app) -> TestClient:  # type: ignore[no-untyped-def]
    return TestClient(app)


def sign_in(client: TestClient, username: str, password: str) -> tuple[str, str]:
    """Sign in through the login form; return the session cookie and the session's CSRF token."""
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    answer = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    after = client.get("/login")
    csrf = re.search(r'name="csrf-token" content="([^"]+)"', after.text).group(1)  # type: ignore[union-attr]
    return client.cookies[SESSION_COOKIE], csrf


@pytest.fixture(scope="session")
def sessions(seeded_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, str]]:
    copy = tmp_path_factory.mktemp("login") / "login.db"
    shutil.copyfile(seeded_db, copy)
    with seed.environment():
        opened = open_store(f"sqlite:///{copy}")
        client = TestClient(create_app(seed.config(), opened, dev=True))
        found = {}
        for role in seed.ROLES:
            client.cookies.clear()
            found[role] = sign_in(client, role, seed.password(role))
        opened.close()
    return found


@pytest.fixture
def client_for(app, sessions) -> Callable[[str], TestClient]:  # type: ignore[no-untyped-def]
    def make(role: str) -> TestClient:
        cookie, csrf = sessions[role]
        client = TestClient(app)
        client.cookies.set(SESSION_COOKIE, cookie)
        client.headers["X-CSRF-Token"] = csrf
        return client

    return make
