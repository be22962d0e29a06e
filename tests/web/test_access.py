"""The role x route table, tested route by route: generated from the app's own route list.

A route added to the app without an entry in ``web/access.py`` fails here; every
protected route answers 401 without credentials, 403 to a role without its area,
and neither to a role with it.
"""

from __future__ import annotations

import pytest
from tests.web import seed

from tactful.web import access
from tactful.web.app import create_app
from tactful.web.routes import served_routes
from tactful.web.users import ROLE_AREAS, ROLES

PATH_VALUES = {
    "item_id": "1",
    "username": "viewer",
    "source": "hooks",
    "section": "topics",
    "name": "skylark",
}


def _routes() -> list[tuple[str, str]]:
    # Built against an in-memory store only to list routes; no request is made on it.
    from tactful.store import open_store

    store = open_store("sqlite://")
    with seed.environment():
        routes = sorted(set(served_routes(create_app(seed.config(), store, dev=True).routes)))
    store.close()
    return routes


ROUTES = _routes()
PROTECTED = [r for r in ROUTES if access.ACCESS.get(r) not in (access.PUBLIC, access.SIGNED)]


def _url(path: str) -> str:
    for name, value in PATH_VALUES.items():
        path = path.replace("{" + name + "}", value)
    return path + ("?max_events=1&interval=0.2" if path.startswith("/events/") else "")


def test_every_route_is_in_the_access_table() -> None:
    assert ROUTES, "the app serves no routes?"
    missing = [r for r in ROUTES if r not in access.ACCESS]
    assert missing == [], f"add these routes to web/access.py: {missing}"


def test_the_access_table_lists_no_route_the_app_lacks() -> None:
    assert sorted(set(access.ACCESS) - set(ROUTES)) == []


@pytest.mark.parametrize(("method", "path"), PROTECTED, ids=[f"{m} {p}" for m, p in PROTECTED])
def test_without_authentication_the_answer_is_401(anonymous, method: str, path: str) -> None:
    answer = anonymous.request(method, _url(path))
    assert answer.status_code == 401
    if path.startswith("/api/"):
        assert answer.json()["error"]["code"] == "E401"


@pytest.mark.parametrize(("method", "path"), PROTECTED, ids=[f"{m} {p}" for m, p in PROTECTED])
def test_roles_without_the_area_get_403_and_roles_with_it_get_through(
    client_for, method: str, path: str
) -> None:
    area = access.ACCESS[(method, path)]
    for role in ROLES:
        client = client_for(role)
        answer = client.request(method, _url(path), json={} if method == "POST" else None)
        allowed = area == access.SIGNED_IN or area in ROLE_AREAS[role]
        if allowed:
            assert answer.status_code not in (401, 403), (role, answer.text[:200])
        else:
            assert answer.status_code in (403, 404), (role, answer.status_code)


@pytest.mark.parametrize("method_path", [r for r in ROUTES if access.ACCESS.get(r) == access.SIGNED])
def test_signed_routes_refuse_an_unsigned_request(anonymous, method_path: tuple[str, str]) -> None:
    method, path = method_path
    answer = anonymous.request(
        method, _url(path), content=b"{}", headers={"content-type": "application/json"}
    )
    assert answer.status_code == 401
    assert answer.json()["error"]["code"]


def test_a_bearer_token_carries_its_users_areas_narrowed_by_its_scopes(web_store, anonymous) -> None:
    from tactful.web.users import issue_token

    full = issue_token(web_store.engine, "agent", name="full")
    narrow = issue_token(web_store.engine, "agent", name="narrow", scopes=["insights"])
    assert anonymous.get("/api/inbox", headers={"Authorization": f"Bearer {full}"}).status_code == 200
    assert anonymous.get("/api/inbox", headers={"Authorization": f"Bearer {narrow}"}).status_code == 403
    assert anonymous.get("/api/dashboard", headers={"Authorization": f"Bearer {narrow}"}).status_code == 200
    assert (
        anonymous.get("/api/dashboard", headers={"Authorization": "Bearer tfl_not-a-token"}).status_code
        == 401
    )
