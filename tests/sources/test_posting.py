"""Reply clients against loopback servers speaking the documented request and response shapes.

Shapes: com.atproto.server.createSession / com.atproto.repo.createRecord (atproto lexicons:
``{accessJwt, refreshJwt, handle, did}`` and ``{uri, cid}``; error ``{"error": "ExpiredToken"}``);
Mastodon POST /api/v1/statuses (docs.joinmastodon.org/methods/statuses, form fields, Status answer).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from urllib.parse import parse_qs

import httpx
import pytest
from tests.sources.replay import HttpReplay, Reply

from tactful.errors import UsageError
from tactful.sources.posting import BlueskyPoster, MastodonPoster, ReplyFailed, StrongRef

ROOT = StrongRef("at://did:plc:root/app.bsky.feed.post/3kroot", "bafyroot")
PARENT = StrongRef("at://did:plc:cust/app.bsky.feed.post/3kparent", "bafyparent")
NOW = datetime(2025, 11, 29, 12, tzinfo=UTC)


def bluesky_routes(*, expire_first: bool = False):
    sessions: list[int] = []
    created: list[int] = []

    def session(path, query, headers, body):
        sessions.append(1)
        return Reply(
            200,
            {
                "accessJwt": f"jwt{len(sessions)}",
                "refreshJwt": "r",
                "handle": "acme.bsky.social",
                "did": "did:plc:acme",
            },
        )

    def create(path, query, headers, body):
        created.append(1)
        if expire_first and len(created) == 1:
            return Reply(400, {"error": "ExpiredToken", "message": "Token has expired"})
        if headers.get("authorization") != f"Bearer jwt{len(sessions)}":
            return Reply(401, {"error": "AuthenticationRequired"})
        return Reply(200, {"uri": "at://did:plc:acme/app.bsky.feed.post/3knew", "cid": "bafynew"})

    return {
        "POST /xrpc/com.atproto.server.createSession": session,
        "POST /xrpc/com.atproto.repo.createRecord": create,
    }


@pytest.mark.parametrize("expire_first", [False, True])
def test_a_bluesky_reply_is_a_post_record_with_root_and_parent(expire_first):
    with HttpReplay(bluesky_routes(expire_first=expire_first)) as server:
        poster = BlueskyPoster("acme.bsky.social", "app-pass-word", pds_url=server.url, client=httpx.Client())
        posted = poster.reply("Sorry about that, we are on it.", parent=PARENT, root=ROOT, now=NOW)
        creates = [json.loads(body) for _, path, _, _, body in server.log if path.endswith("createRecord")]
        logins = [json.loads(body) for _, path, _, _, body in server.log if path.endswith("createSession")]
    assert posted.platform_id == "at://did:plc:acme/app.bsky.feed.post/3knew"
    assert posted.url == "https://bsky.app/profile/acme.bsky.social/post/3knew"
    assert creates[-1] == {
        "repo": "did:plc:acme",
        "collection": "app.bsky.feed.post",
        "record": {
            "$type": "app.bsky.feed.post",
            "text": "Sorry about that, we are on it.",
            "createdAt": "2025-11-29T12:00:00Z",
            "reply": {
                "root": {"uri": ROOT.uri, "cid": ROOT.cid},
                "parent": {"uri": PARENT.uri, "cid": PARENT.cid},
            },
        },
    }
    assert logins[0] == {"identifier": "acme.bsky.social", "password": "app-pass-word"}
    assert len(logins) == (2 if expire_first else 1)


def test_a_mastodon_reply_sends_in_reply_to_id_and_an_idempotency_key():
    def statuses(path, query, headers, body):
        assert headers["authorization"] == "Bearer masto-token"
        return Reply(
            200,
            {
                "id": "113500000000000001",
                "url": "https://m.example/@acme/113500000000000001",
                "in_reply_to_id": parse_qs(body.decode())["in_reply_to_id"][0],
            },
        )

    with HttpReplay({"POST /api/v1/statuses": statuses}) as server:
        poster = MastodonPoster(server.url, "masto-token", client=httpx.Client())
        posted = poster.reply(
            "@customer sorry!", in_reply_to_id="113480000000000077", idempotency_key="inbox-42"
        )
        _, _, _, headers, body = server.log[0]
    assert (posted.platform, posted.platform_id) == ("mastodon", "113500000000000001")
    assert parse_qs(body.decode()) == {
        "status": ["@customer sorry!"],
        "in_reply_to_id": ["113480000000000077"],
        "visibility": ["public"],
    }
    assert headers["idempotency-key"] == "inbox-42"


@pytest.mark.parametrize(
    ("reply", "status"),
    [
        (Reply(429, {"error": "Too many requests"}, headers={"Retry-After": "30"}), 429),
        (Reply(422, {"error": "Validation failed: Text can't be blank"}), 422),
    ],
)
def test_refusals_raise_reply_failed_with_the_status_and_no_text(reply, status):
    with HttpReplay({"POST /api/v1/statuses": lambda *a: reply}) as server:
        poster = MastodonPoster(server.url, "t", client=httpx.Client())
        with pytest.raises(ReplyFailed) as caught:
            poster.reply("secret reply text", in_reply_to_id="1", idempotency_key="k")
    assert caught.value.detail["status"] == status
    assert "secret reply text" not in caught.value.message


@pytest.mark.parametrize(
    ("text", "poster"), [("", "mastodon"), ("x" * 501, "mastodon"), ("x" * 301, "bluesky")]
)
def test_empty_or_overlong_replies_are_refused_before_sending(text, poster):
    client = (
        MastodonPoster("http://127.0.0.1:9", "t")
        if poster == "mastodon"
        else BlueskyPoster("a", "b", pds_url="http://127.0.0.1:9")
    )
    with pytest.raises(UsageError):
        if poster == "mastodon":
            client.reply(text, in_reply_to_id="1", idempotency_key="k")
        else:
            client.reply(text, parent=PARENT, root=ROOT)


def test_an_unreachable_network_is_reply_failed():
    with pytest.raises(ReplyFailed, match="did not answer"):
        MastodonPoster("http://127.0.0.1:9", "t").reply("hi", in_reply_to_id="1", idempotency_key="k")
