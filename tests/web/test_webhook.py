"""``POST /ingest/webhook/{source}``: signature, replay, error shape, storage through the pipeline."""

from __future__ import annotations

import json

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from tests.sources.livekit import TEST_SECRET, config_data, stored_keys

from tactful.config import parse_config
from tactful.engines.local import build_stages, pipeline_for
from tactful.sources.signatures import sign
from tactful.web.webhook import webhook_router

HOOK_SECRET = "webhook-shared-secret-for-tests"
NOW = 1_764_400_000


@pytest.fixture
def client(store, db_url, monkeypatch):
    monkeypatch.setenv("TACTFUL_SECRET", TEST_SECRET)
    config = parse_config(config_data(db_url, {"helpdesk": {"type": "webhook", "secret_env": "HOOK_SECRET"}}))
    stages = build_stages(config)
    app = FastAPI()
    app.include_router(
        webhook_router(
            config,
            store,
            lambda s: pipeline_for(s, stages),
            environ={"HOOK_SECRET": HOOK_SECRET},
            clock=lambda: NOW,
        )
    )
    return TestClient(app)


def post(
    client,
    body: bytes,
    *,
    timestamp: int = NOW,
    secret: str = HOOK_SECRET,
    source: str = "helpdesk",
    signature: str | None = None,
):
    headers = {
        "X-Tactful-Timestamp": str(timestamp),
        "X-Tactful-Signature": signature or sign(secret.encode(), timestamp, body),
        "Content-Type": "application/json",
    }
    return client.post(f"/ingest/webhook/{source}", content=body, headers=headers)


def body_of(*items) -> bytes:
    return json.dumps(list(items)).encode()


def item(n: int, text: str = "acme checkout is broken again") -> dict:
    return {"id": f"t{n}", "text": text, "created_at": "2025-11-29T10:00:00Z", "author": f"customer{n}"}


def test_a_signed_batch_is_stored_through_the_pipeline(client, store):
    response = post(client, body_of(item(1), item(2), item(3, "unrelated"), {"text": "no id"}))
    assert response.status_code == 200
    assert response.json() == {
        "read": 4,
        "stored": 2,
        "duplicate": 0,
        "not_matched": 1,
        "withheld": 0,
        "rejected": 1,
        "deleted": 0,
    }
    assert set(stored_keys(store)) == {"t1", "t2"}
    assert {p.platform for p in store.iter_posts()} == {"helpdesk"}


def test_a_delete_removes_a_post_sent_earlier(client, store):
    post(client, body_of(item(1), item(2)))
    response = post(
        client, json.dumps({"posts": [{"operation": "delete", "id": "t1"}]}).encode(), timestamp=NOW + 1
    )
    assert response.json()["deleted"] == 1
    assert set(stored_keys(store)) == {"t2"}


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"secret": "wrong-secret"}, 401, "E401"),
        ({"timestamp": NOW - 3600}, 401, "E401"),
        ({"signature": "sha256=00"}, 401, "E401"),
        ({"source": "nope"}, 404, "E404"),
    ],
)
def test_bad_requests_answer_in_the_error_shape(client, store, change, status, code):
    response = post(client, body_of(item(1)), **change)
    assert response.status_code == status
    error = response.json()["error"]
    assert error["code"] == code and set(error) == {"code", "message", "detail"}
    assert store.count_posts() == 0


def test_a_replayed_request_is_refused(client, store):
    body = body_of(item(1))
    assert post(client, body).status_code == 200
    again = post(client, body)
    assert again.status_code == 401 and "replay" in again.json()["error"]["message"]


def test_unreadable_json_is_a_400_and_an_oversized_body_a_413(client):
    assert post(client, b"{not json").status_code == 400
    huge = json.dumps([item(1, "acme " + "x" * 100)] * 12_000).encode()
    assert len(huge) > 1 << 20
    response = post(client, huge)
    assert response.status_code == 413 and response.json()["error"]["code"] == "E413"
