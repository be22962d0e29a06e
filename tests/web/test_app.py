"""The app's secret rule, the session cookie's flags, and signing in."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from tests.web import seed

from tactful.errors import ConfigError
from tactful.web.app import SESSION_COOKIE, create_app, session_secret


@pytest.mark.parametrize(
    ("environ", "dev", "ok"),
    [
        ({}, False, False),
        ({"TACTFUL_WEB_SECRET": "short"}, False, False),
        ({"TACTFUL_WEB_SECRET": "x" * 32}, False, True),
        ({}, True, True),
    ],
)
def test_no_default_secret_outside_dev(environ, dev, ok) -> None:
    if ok:
        assert len(session_secret(environ, dev=dev)) >= 32
    else:
        with pytest.raises(ConfigError):
            session_secret(environ, dev=dev)


def test_the_app_refuses_to_start_without_a_secret(web_store) -> None:
    with pytest.raises(ConfigError):
        create_app(seed.config(), web_store, environ={})


@pytest.mark.parametrize(("dev", "secure"), [(False, True), (True, False)])
def test_the_session_cookie_is_httponly_lax_and_secure_unless_dev(web_store, dev, secure) -> None:
    client = TestClient(create_app(seed.config(), web_store, dev=dev), base_url="https://testserver")
    header = client.get("/login").headers["set-cookie"]
    assert header.startswith(SESSION_COOKIE + "=")
    assert "httponly" in header.lower() and "samesite=lax" in header.lower()
    assert ("secure" in header.lower()) is secure


@pytest.mark.parametrize(
    ("password", "csrf_ok", "status"),
    [
        (seed.password("viewer"), True, 303),
        ("wrong password", True, 401),
        (seed.password("viewer"), False, 403),
    ],
)
def test_signing_in_needs_the_password_and_the_forms_csrf_token(anonymous, password, csrf_ok, status) -> None:
    import re

    token = re.search(r'name="csrf_token" value="([^"]+)"', anonymous.get("/login").text).group(1)  # type: ignore[union-attr]
    answer = anonymous.post(
        "/login",
        data={"username": "viewer", "password": password, "csrf_token": token if csrf_ok else "forged"},
        follow_redirects=False,
    )
    assert answer.status_code == status


def test_a_page_asked_for_without_signing_in_shows_the_login_form(anonymous) -> None:
    answer = anonymous.get("/inbox", headers={"accept": "text/html"})
    assert answer.status_code == 401
    assert 'action="/login"' in answer.text and 'value="/inbox"' in answer.text


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/"])
def test_login_never_redirects_off_site(anonymous, target) -> None:
    import re

    token = re.search(r'name="csrf_token" value="([^"]+)"', anonymous.get("/login").text).group(1)  # type: ignore[union-attr]
    answer = anonymous.post(
        "/login",
        data={"username": "viewer", "password": seed.password("viewer"), "csrf_token": token, "next": target},
        follow_redirects=False,
    )
    assert answer.headers["location"] == "/"
