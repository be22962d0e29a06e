"""The JSON API on a real SQLite store: one error shape, capped pagination, CSRF, the main flows."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from tests.sources.replay import HttpReplay
from tests.sources.test_posting import bluesky_routes
from tests.web import seed

from tactful.config import parse_config
from tactful.web.app import SESSION_COOKIE, create_app
from tactful.web.paging import MAX_LIMIT


def _error(answer) -> dict:  # type: ignore[no-untyped-def]
    body = answer.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "detail"}, body
    return body["error"]  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("role", "method", "url", "payload", "status", "code"),
    [
        ("viewer", "GET", "/api/posts?limit=0", None, 422, "E422"),
        ("viewer", "GET", "/api/posts?offset=-1", None, 422, "E422"),
        ("viewer", "POST", "/api/query/validate", {"nope": 1}, 422, "E422"),
        ("agent", "GET", "/api/inbox?status=lost", None, 422, "E422"),
        ("agent", "GET", "/api/inbox/not-a-number", None, 422, "E422"),
        ("agent", "GET", "/api/inbox/99999", None, 404, "E404"),
        ("agent", "POST", "/api/inbox/1/reply", {"text": ""}, 422, "E422"),
        ("privacy_officer", "POST", "/api/privacy/optouts", {"platform": "bluesky"}, 422, "E422"),
        (
            "admin",
            "POST",
            "/api/users",
            {"username": "x", "password": "short", "role": "viewer"},
            422,
            "E422",
        ),
        (
            "admin",
            "POST",
            "/api/users",
            {"username": "x", "password": "long enough pw", "role": "king"},
            422,
            "E422",
        ),
        (
            "admin",
            "POST",
            "/api/users",
            {"username": "viewer", "password": "long enough pw", "role": "viewer"},
            400,
            "E100",
        ),
        ("viewer", "GET", "/api/no-such-route", None, 404, "E404"),
        ("viewer", "GET", "/api/inbox", None, 403, "E403"),
    ],
)
def test_errors_have_one_shape(client_for, role, method, url, payload, status, code) -> None:
    answer = client_for(role).request(method, url, json=payload)
    assert answer.status_code == status
    assert _error(answer)["code"] == code


def test_an_unauthenticated_request_gets_the_same_shape(anonymous) -> None:
    answer = anonymous.get("/api/dashboard")
    assert answer.status_code == 401 and _error(answer)["code"] == "E401"


@pytest.mark.parametrize(
    ("asked", "given"), [(None, 50), (7, 7), (MAX_LIMIT, MAX_LIMIT), (100_000, MAX_LIMIT)]
)
def test_limit_defaults_to_50_and_is_capped(client_for, asked, given) -> None:
    url = "/api/posts" + (f"?limit={asked}" if asked else "")
    body = client_for("viewer").get(url).json()
    assert body["limit"] == given
    assert len(body["items"]) == min(given, len(seed.seed_posts()))


def test_offset_pages_through_every_post_once(client_for) -> None:
    client, seen, offset = client_for("viewer"), [], 0
    while offset is not None:
        body = client.get(f"/api/posts?limit=10&offset={offset}").json()
        seen += [p["platform_id"] for p in body["items"]]
        offset = body["next_offset"]
    assert sorted(seen) == sorted(p.platform_id for p in seed.seed_posts())


@pytest.mark.parametrize("query", ["", "skylark", "NOT northwind"])
def test_cursors_page_through_a_search_like_offsets(client_for, query) -> None:
    client, by_cursor, cursor = client_for("viewer"), [], None
    while True:
        params = {"q": query, "limit": 7, **({"cursor": cursor} if cursor else {})}
        body = client.get("/api/posts", params=params).json()
        by_cursor += [p["platform_id"] for p in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    everything = client.get("/api/posts", params={"q": query, "limit": 500}).json()
    assert by_cursor == [p["platform_id"] for p in everything["items"]]
    assert len(by_cursor) == everything["total"]


def test_a_cursor_not_given_out_is_a_bad_request(client_for) -> None:
    answer = client_for("viewer").get("/api/posts", params={"cursor": "nonsense"})
    assert answer.status_code == 400 and _error(answer)["code"].startswith("E")


def test_the_explorer_page_links_to_older_posts_by_cursor(client_for) -> None:
    client = client_for("viewer")
    page = client.get("/posts", params={"q": "skylark", "limit": 5}, headers={"accept": "text/html"})
    assert page.status_code == 200 and "cursor=" in page.text and "Older" in page.text


@pytest.mark.parametrize(("query", "matches"), [("northwind", 12), ("skylark AND lost", 12), ("", 48)])
def test_posts_search_by_query_language(client_for, query, matches) -> None:
    body = client_for("viewer").get("/api/posts", params={"q": query, "limit": 500}).json()
    assert body["total"] == matches


@pytest.mark.parametrize(
    ("query", "ok", "column"),
    [
        ("skylark AND (delay* OR cancel*)", True, None),
        ("skylark AND (delay", False, 19),
        ("skylark AND", False, 12),
    ],
)
def test_query_validation_points_at_the_column(client_for, query, ok, column) -> None:
    body = client_for("viewer").post("/api/query/validate", json={"query": query}).json()
    assert body["ok"] is ok
    assert body["column"] == column


def test_a_state_change_by_cookie_needs_the_csrf_token(client_for) -> None:
    client = client_for("agent")
    del client.headers["X-CSRF-Token"]
    answer = client.post("/api/inbox/1/resolve")
    assert answer.status_code == 403 and _error(answer)["code"] == "E403"


def test_dashboard_has_series_and_the_policy_warnings(client_for) -> None:
    body = client_for("viewer").get("/api/dashboard").json()
    assert body["total_posts"] == 48
    assert sum(body["volume"]["volume"]) == 48
    assert body["share_of_voice"]["labels"] == ["brand", "competitor:northwind"]
    assert body["policy_warnings"] == []


def test_claiming_takes_the_most_urgent_unowned_item_for_the_signed_in_agent(client_for) -> None:
    client = client_for("agent")
    queue = client.get("/api/inbox?status=new").json()["items"]
    first = client.post("/api/inbox/claim", json={}).json()["item"]
    second = client.post("/api/inbox/claim").json()["item"]
    assert (first["id"], first["assignee"], first["status"]) == (queue[0]["id"], "agent", "assigned")
    assert second["id"] == queue[1]["id"]
    assert client.post("/api/inbox/claim", json={"team": "nobody"}).json() == {"item": None}


def test_inbox_item_from_new_to_resolved(client_for) -> None:
    client = client_for("agent")
    queue = client.get("/api/inbox").json()["items"]
    assert queue and all(item["status"] == "new" for item in queue)
    item_id = queue[0]["id"]
    assert (
        client.post(f"/api/inbox/{item_id}/assign", json={"person": "agent"}).json()["status"] == "assigned"
    )
    detail = client.get(f"/api/inbox/{item_id}").json()
    assert detail["posts"] and detail["item"]["explanation"]
    reply = client.post(f"/api/inbox/{item_id}/reply", json={"text": "Sorry about your bag: DM us?"}).json()
    assert reply["via"] == "manual"
    assert client.post(f"/api/inbox/{item_id}/resolve").json()["status"] == "resolved"
    assert item_id not in [i["id"] for i in client.get("/api/inbox").json()["items"]]


def test_opt_out_erases_the_authors_posts_and_is_audited(client_for) -> None:
    client = client_for("privacy_officer")
    answer = client.post(
        "/api/privacy/optouts", json={"platform": "bluesky", "handle": "@" + seed.OPTED_OUT_HANDLE}
    )
    assert answer.json()["erased"]["posts"] == 6
    assert client_for("viewer").get("/api/dashboard").json()["total_posts"] == 42
    audit = client.get("/api/privacy/audit").json()["items"]
    assert [e["action"] for e in audit][:1] == ["optout"] or any("optout" in e["action"] for e in audit)
    assert client.get("/api/privacy/audit/verify").json()["ok"] is True


def test_subject_export_holds_no_handle(client_for) -> None:
    body = client_for("privacy_officer").post(
        "/api/privacy/subject/export", json={"platform": "bluesky", "handle": seed.OPTED_OUT_HANDLE}
    )
    assert body.status_code == 200
    assert seed.OPTED_OUT_HANDLE not in body.text


def test_admin_adds_a_user_and_a_token_that_works_once_hashed(client_for, anonymous, web_store) -> None:
    admin = client_for("admin")
    assert (
        admin.post(
            "/api/users", json={"username": "eve", "password": "a long passphrase", "role": "viewer"}
        ).status_code
        == 201
    )
    token = admin.post("/api/users/eve/tokens", json={"days": 1}).json()["token"]
    assert anonymous.get("/api/me", headers={"Authorization": f"Bearer {token}"}).json()["role"] == "viewer"
    with web_store.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT token_hash FROM api_tokens").scalars().all()
    assert token not in stored and len(stored[0]) == 64


def test_policy_dry_run_decides_recent_posts_without_storing(client_for) -> None:
    body = client_for("admin").post("/api/settings/policy/dry-run", json={"policy_toml": ""}).json()
    assert body["posts"] == 48
    assert sum(body["actions"].values()) == 48


def test_sse_streams_send_inbox_counts_and_alerts(client_for) -> None:
    client = client_for("agent")
    with client.stream("GET", "/events/inbox?max_events=1&interval=0.2") as stream:
        text = "".join(stream.iter_text())
    assert "event: inbox" in text and '"new": 12' in text
    with client.stream("GET", "/events/alerts?max_events=1&interval=0.2") as stream:
        assert "event: alert" in "".join(stream.iter_text())


def test_opening_the_identity_vault_is_audited_first(client_for) -> None:
    client = client_for("privacy_officer")
    asked = {"platform": "bluesky", "platform_id": "post-0", "why": "reply to a complaint"}
    assert client.post("/api/privacy/identity", json=asked).json()["handle"] == seed.OPTED_OUT_HANDLE
    audit = client.get("/api/privacy/audit").json()["items"]
    assert audit[0]["action"] == "identity.view" and seed.OPTED_OUT_HANDLE not in str(audit)
    not_kept = client.post("/api/privacy/identity", json={**asked, "platform_id": "post-1"})
    assert not_kept.status_code == 404 and _error(not_kept)["code"] == "E404"


@pytest.fixture
def unsolicited_app(web_store):  # type: ignore[no-untyped-def]
    from tactful.config import parse_config
    from tactful.web.app import create_app

    rule = {
        "id": "answer-all",
        "when": {"intent": "complaint"},
        "action": "respond",
        "explain": "Answer all.",
    }
    data = {**seed.CONFIG, "policy": {"rules": [rule], "i_understand_this_is_unsolicited": True}}
    return create_app(parse_config(data), web_store, dev=True)


def test_an_unsolicited_policy_warns_on_the_dashboard_and_in_the_api(unsolicited_app, sessions) -> None:
    from fastapi.testclient import TestClient

    from tactful.engage.policy import UNSOLICITED_WARNING
    from tactful.web.app import SESSION_COOKIE

    client = TestClient(unsolicited_app)
    client.cookies.set(SESSION_COOKIE, sessions["viewer"][0])
    assert client.get("/api/dashboard").json()["policy_warnings"] == [UNSOLICITED_WARNING]
    assert client.get("/api/policy").json()["warnings"] == [UNSOLICITED_WARNING]
    page = client.get("/", headers={"accept": "text/html"}).text
    assert "Policy warning" in page


def test_drivers_rank_the_most_complained_about_aspect_first(client_for) -> None:
    body = client_for("viewer").get("/api/insights/drivers").json()
    assert body["labels"][0] == "baggage"
    assert body["sentiment"]["negative"][0] == 12  # every addressed complaint in the seed is about baggage


def test_the_unsolicited_setting_alone_still_warns(web_store, sessions) -> None:
    from fastapi.testclient import TestClient

    from tactful.config import parse_config
    from tactful.web.app import SESSION_COOKIE, create_app
    from tactful.web.views import FLAG_SET_WARNING

    loosened = {**seed.CONFIG, "policy": {"i_understand_this_is_unsolicited": True}}
    client = TestClient(create_app(parse_config(loosened), web_store, dev=True))
    client.cookies.set(SESSION_COOKIE, sessions["viewer"][0])
    assert client.get("/api/dashboard").json()["policy_warnings"] == [FLAG_SET_WARNING]
    page = client.get("/", headers={"accept": "text/html"}).text
    assert 'class="warning banner" role="alert"' in page and "Ask an admin" in page


def test_a_reply_is_posted_on_bluesky_only_after_the_agent_confirms(web_store, sessions, monkeypatch) -> None:
    monkeypatch.setenv("TACTFUL_TEST_BSKY_PASSWORD", "app-pass-word")
    with HttpReplay(bluesky_routes()) as pds:
        inbox = {
            "bluesky_identifier": "skylarkair.bsky.social",
            "bluesky_password_env": "TACTFUL_TEST_BSKY_PASSWORD",
            "bluesky_pds_url": pds.url,
        }
        client = TestClient(create_app(parse_config({**seed.CONFIG, "inbox": inbox}), web_store, dev=True))
        cookie, csrf = sessions["agent"]
        client.cookies.set(SESSION_COOKIE, cookie)
        client.headers["X-CSRF-Token"] = csrf
        item_id = client.get("/api/inbox").json()["items"][0]["id"]
        assert client.get(f"/api/inbox/{item_id}").json()["posting"] == "bluesky"
        unconfirmed = client.post(f"/api/inbox/{item_id}/reply", json={"text": "Sorry, we are on it."})
        assert unconfirmed.status_code == 400 and "confirm" in unconfirmed.json()["error"]["message"]
        assert client.get(f"/api/inbox/{item_id}").json()["replies"] == []
        assert pds.calls("POST /xrpc/com.atproto.repo.createRecord") == 0
        confirmed = {"text": "Sorry, we are on it.", "confirm": True}
        posted = client.post(f"/api/inbox/{item_id}/reply", json=confirmed)
        created = [json.loads(body) for _, path, _, _, body in pds.log if path.endswith("createRecord")]
    assert posted.json()["via"] == "bluesky"
    assert posted.json()["remote_id"] == "at://did:plc:acme/app.bsky.feed.post/3knew"
    parent = created[0]["record"]["reply"]["parent"]
    assert parent["uri"] in {seed.raw_uri(i) for i in range(48)} and parent["cid"].startswith("bafypost")


def test_without_a_posting_account_the_item_says_replies_are_recorded_by_hand(client_for) -> None:
    client = client_for("agent")
    item_id = client.get("/api/inbox").json()["items"][0]["id"]
    assert client.get(f"/api/inbox/{item_id}").json()["posting"] is None
