"""Posting replies: Bluesky and Mastodon clients for the inbox.

These only talk to the networks; whether a reply may be sent at all (the
engagement policy's confirmation, kill switch and rate limit) is decided by
the caller before it calls ``reply``. One attempt per call, never a silent
retry that could post twice: Mastodon gets an ``Idempotency-Key`` so a caller's
retry of the same reply is safe; Bluesky refreshes an expired session once.

* Bluesky (atproto.com/specs/xrpc, docs.bsky.app): ``com.atproto.server.createSession``
  with the account's handle and an *app password*, then
  ``com.atproto.repo.createRecord`` of an ``app.bsky.feed.post`` whose
  ``reply`` holds ``root`` and ``parent`` strong refs (``{uri, cid}``).
* Mastodon (docs.joinmastodon.org/methods/statuses): ``POST /api/v1/statuses``
  with ``status`` and ``in_reply_to_id``, a user token with ``write:statuses``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from tactful.errors import TactfulError, UsageError

BLUESKY_MAX_CHARS = 300  # graphemes upstream; counting code points is the safe side
MASTODON_MAX_CHARS = 500  # the default instance limit


class ReplyFailed(TactfulError):
    """The network refused or did not answer; ``detail`` has the HTTP status, never the text."""

    code = "E510"


@dataclass(frozen=True)
class StrongRef:
    uri: str  # at://did/app.bsky.feed.post/rkey
    cid: str


@dataclass(frozen=True)
class Posted:
    platform: str
    platform_id: str  # the new post's at:// uri or status id
    url: str | None


class BlueskyPoster:
    def __init__(
        self,
        identifier: str,
        app_password: str,
        *,
        pds_url: str = "https://bsky.social",
        client: httpx.Client | None = None,
    ) -> None:
        self.identifier = identifier
        self._password = app_password
        self.pds_url = pds_url.rstrip("/")
        self.http = client or httpx.Client(timeout=20.0)
        self._session: dict[str, Any] | None = None

    def reply(self, text: str, *, parent: StrongRef, root: StrongRef, now: datetime | None = None) -> Posted:
        _check_length(text, BLUESKY_MAX_CHARS, "Bluesky")
        record = {
            "$type": "app.bsky.feed.post",
            "text": text,
            "createdAt": (now or datetime.now(UTC)).isoformat().replace("+00:00", "Z"),
            "reply": {
                "root": {"uri": root.uri, "cid": root.cid},
                "parent": {"uri": parent.uri, "cid": parent.cid},
            },
        }
        response = self._create(record)
        if _expired(response):
            self._session = None
            response = self._create(record)
        created = _ok_json(response, "Bluesky")
        rkey = str(created.get("uri", "")).rsplit("/", 1)[-1]
        handle = self._login().get("handle") or self.identifier
        return Posted("bluesky", str(created.get("uri")), f"https://bsky.app/profile/{handle}/post/{rkey}")

    def _create(self, record: dict[str, Any]) -> httpx.Response:
        session = self._login()
        body = {"repo": session["did"], "collection": "app.bsky.feed.post", "record": record}
        return _send(
            self.http,
            "POST",
            f"{self.pds_url}/xrpc/com.atproto.repo.createRecord",
            json=body,
            headers={"Authorization": f"Bearer {session['accessJwt']}"},
        )

    def _login(self) -> dict[str, Any]:
        if self._session is None:
            response = _send(
                self.http,
                "POST",
                f"{self.pds_url}/xrpc/com.atproto.server.createSession",
                json={"identifier": self.identifier, "password": self._password},
            )
            self._session = _ok_json(response, "Bluesky login")
        return self._session


class MastodonPoster:
    def __init__(self, instance: str, token: str, *, client: httpx.Client | None = None) -> None:
        self.instance = instance.rstrip("/")
        self._token = token
        self.http = client or httpx.Client(timeout=20.0)

    def reply(
        self, text: str, *, in_reply_to_id: str, idempotency_key: str, visibility: str = "public"
    ) -> Posted:
        _check_length(text, MASTODON_MAX_CHARS, "Mastodon")
        headers = {"Authorization": f"Bearer {self._token}", "Idempotency-Key": idempotency_key}
        data = {"status": text, "in_reply_to_id": in_reply_to_id, "visibility": visibility}
        response = _send(self.http, "POST", f"{self.instance}/api/v1/statuses", data=data, headers=headers)
        status = _ok_json(response, "Mastodon")
        return Posted("mastodon", str(status.get("id")), status.get("url"))


def _send(http: httpx.Client, method: str, url: str, **options: Any) -> httpx.Response:
    try:
        return http.request(method, url, **options)
    except httpx.HTTPError as exc:
        raise ReplyFailed("the network did not answer", detail={"error": type(exc).__name__}) from None


def _ok_json(response: httpx.Response, what: str) -> dict[str, Any]:
    if response.status_code >= 400:
        raise ReplyFailed(
            f"{what} refused the request",
            detail={"status": response.status_code, "retry_after": response.headers.get("retry-after")},
        )
    try:
        body = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise ReplyFailed(f"{what} answered something that is not a JSON object")
    return body


def _expired(response: httpx.Response) -> bool:
    if response.status_code == 401:
        return True
    if response.status_code != 400:
        return False
    try:
        return response.json().get("error") in ("ExpiredToken", "InvalidToken")
    except (ValueError, AttributeError):
        return False


def _check_length(text: str, limit: int, network: str) -> None:
    if not text.strip():
        raise UsageError("a reply needs text")
    if len(text) > limit:
        raise UsageError(f"a {network} reply can be at most {limit} characters (this one has {len(text)})")
