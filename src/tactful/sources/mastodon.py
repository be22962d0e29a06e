"""Mastodon, live: the streaming API over WebSocket, with REST catch-up so nothing falls in a gap.

Streaming (docs.joinmastodon.org/methods/streaming): one WebSocket to
``/api/v1/streaming?stream=hashtag&tag=<tag>`` (or ``public``, ``public:local``),
further tags subscribed with ``{"type": "subscribe", "stream": "hashtag", "tag": ...}``.
Each message is ``{"stream": [...], "event": ..., "payload": ...}`` where the
``update`` and ``status.update`` payloads are a Status serialised as a JSON
*string*, and ``delete`` carries the deleted status id. Since Mastodon 4.2 the
public and hashtag streams need a user access token (sent as a Bearer header,
never in the URL).

Catch-up (docs.joinmastodon.org/methods/timelines, /api/pagination): on every
(re)connect, after the socket is open (so nothing posted meanwhile is lost), the
hashtag or public timeline is read forward from the cursor with ``min_id``
pagination. The cursor is the newest status id seen; ids grow over time.

Statuses are mapped by the same pure function as Mastodon file imports (HTML to
text, account flags ``noindex`` and ``nobot``); ``discoverable: false`` is
passed on as the flag ``discoverable=false``.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from typing import Any, Literal
from urllib.parse import urlencode, urlsplit, urlunsplit

import httpx
import structlog
from pydantic import field_validator
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI
from websockets.sync.client import ClientConnection, connect

from tactful.errors import MappingError
from tactful.records import Post
from tactful.sources.base import RawRecord, sources
from tactful.sources.files.dates import parse_date
from tactful.sources.files.mastodon import MastodonStatuses
from tactful.sources.http import request
from tactful.sources.live import IDLE, Idle, Link, LiveSettings, LiveSource, secret_from_env

log = structlog.get_logger(__name__)

PAGE_LIMIT = 40  # the most a timeline page returns


class MastodonSettings(LiveSettings):
    instance: str  # https://mastodon.social
    stream: Literal["hashtag", "public", "public:local"] = "hashtag"
    tags: list[str] = []
    token_env: str | None = None  # environment variable holding a user access token (read scope)
    streaming_url: str | None = None  # when the instance streams from another host (/api/v1/instance)
    catch_up_pages: int = 25  # at most this many timeline pages per (re)connect
    timeout: float = 20.0

    @field_validator("instance")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// URL")
        return value.rstrip("/")

    @field_validator("tags")
    @classmethod
    def _bare_tags(cls, value: list[str]) -> list[str]:
        return [tag.lstrip("#").lower() for tag in value]


@sources.register("mastodon")
class MastodonSource(LiveSource):
    name = "mastodon"
    platform = "mastodon"
    Settings = MastodonSettings
    settings: MastodonSettings

    def __init__(self, name: str, settings: LiveSettings) -> None:
        super().__init__(name, settings)
        if self.settings.stream == "hashtag" and not self.settings.tags:
            from tactful.errors import ConfigError

            raise ConfigError(f"sources.{name}: stream = 'hashtag' needs at least one tag in 'tags'")
        self._mapper = MastodonStatuses()
        self.position: int | None = None

    # --- reading ------------------------------------------------------------------

    def events(self, resume_from: str | None, link: Link) -> Iterator[RawRecord | Idle]:
        self.position = int(resume_from) if resume_from and resume_from.isdigit() else None
        token = secret_from_env(link.environ, self.settings.token_env, f"sources.{self.source_name} token")
        headers = {"Authorization": f"Bearer {token}"}
        attempt = 0
        with httpx.Client(
            base_url=self.settings.instance, headers=headers, timeout=self.settings.timeout
        ) as http:
            while not link.stop.is_set():
                try:
                    with connect(
                        self.stream_url(),
                        additional_headers=headers,
                        open_timeout=self.settings.timeout,
                        close_timeout=1,
                    ) as socket:
                        self._subscribe_more(socket)
                        yield from self.catch_up(http, link)
                        attempt = 0
                        yield from self._messages(socket, link)
                    reason = "closed"
                except ConnectionClosed:
                    reason = "connection_lost"
                except (OSError, InvalidHandshake, InvalidURI, TimeoutError) as exc:
                    reason = f"connect:{type(exc).__name__}"
                if link.stop.is_set():
                    return
                attempt += 1
                link.failed(reason)
                log.warning("mastodon.reconnect", source=self.source_name, reason=reason, attempt=attempt)
                link.sleep(link.retry_delay(attempt))

    def stream_url(self) -> str:
        base = urlsplit(self.settings.streaming_url or self.settings.instance)
        scheme = {"https": "wss", "http": "ws"}.get(base.scheme, base.scheme)
        query: dict[str, str] = {"stream": self.settings.stream}
        if self.settings.stream == "hashtag":
            query["tag"] = self.settings.tags[0]
        path = base.path.rstrip("/") + "/api/v1/streaming"
        return urlunsplit((scheme, base.netloc, path, urlencode(query), ""))

    def _subscribe_more(self, socket: ClientConnection) -> None:
        for tag in self.settings.tags[1:] if self.settings.stream == "hashtag" else []:
            socket.send(json.dumps({"type": "subscribe", "stream": "hashtag", "tag": tag}))

    def catch_up(self, http: httpx.Client, link: Link) -> Iterator[RawRecord]:
        """Statuses newer than the cursor from the timelines, oldest first (``min_id`` pages)."""
        if self.position is None:
            return  # first run: start from now, as the stream does
        for path, params in self._timelines():
            since = self.position
            for _ in range(self.settings.catch_up_pages):
                response = request(
                    http,
                    "GET",
                    path,
                    link,
                    source=self.source_name,
                    params={**params, "min_id": str(since), "limit": PAGE_LIMIT},
                )
                page = _json_list(response)
                if not page:
                    break
                for status in sorted(page, key=_status_id):
                    since = max(since, _status_id(status))
                    yield self._record(status, "create", "timeline")

    def _timelines(self) -> list[tuple[str, dict[str, str]]]:
        if self.settings.stream == "hashtag":
            return [(f"/api/v1/timelines/tag/{tag}", {}) for tag in self.settings.tags]
        local = {"local": "true"} if self.settings.stream == "public:local" else {}
        return [("/api/v1/timelines/public", local)]

    def _messages(self, socket: ClientConnection, link: Link) -> Iterator[RawRecord | Idle]:
        number = 0
        while not link.stop.is_set():
            try:
                message = socket.recv(timeout=self.settings.idle_seconds)
            except TimeoutError:
                yield IDLE
                continue
            number += 1
            record = self.to_record(message, number)
            if record is not None:
                yield record

    def to_record(self, message: str | bytes, number: int) -> RawRecord | None:
        """One streaming message as a RawRecord; None for events that are not about statuses."""
        location = f"message {number}"
        try:
            envelope = json.loads(message)
            event = envelope.get("event")
            payload = envelope.get("payload")
        except (ValueError, AttributeError):
            return RawRecord(
                None,
                self.source_name,
                location,
                error="message is not a JSON object",
                error_code="invalid_json",
            )
        if event == "delete":
            return RawRecord(
                str(payload), self.source_name, location, cursor=self._cursor(), meta={"operation": "delete"}
            )
        if event not in ("update", "status.update"):
            return None
        try:
            status = json.loads(payload) if isinstance(payload, str) else payload
        except ValueError:
            return RawRecord(
                None, self.source_name, location, error="payload is not valid JSON", error_code="invalid_json"
            )
        return self._record(status, "update" if event == "status.update" else "create", location)

    def _record(self, status: Any, operation: str, location: str) -> RawRecord:
        meta: dict[str, Any] = {"operation": operation}
        if isinstance(status, dict):
            if str(status.get("id", "")).isdigit():
                self.position = max(self.position or 0, int(status["id"]))
            with contextlib.suppress(MappingError):  # for the health record's lag only
                meta["event_time"] = parse_date(status.get("created_at"))
        return RawRecord(status, self.source_name, location, cursor=self._cursor(), meta=meta)

    def _cursor(self) -> str | None:
        return str(self.position) if self.position is not None else None

    # --- mapping ------------------------------------------------------------------

    def record_key(self, raw: RawRecord) -> tuple[str, str] | None:
        if raw.meta.get("operation") == "delete":
            return (self.platform, raw.payload) if isinstance(raw.payload, str) and raw.payload else None
        status = raw.payload
        if isinstance(status, dict) and isinstance(status.get("id"), str | int):
            return (self.platform, str(status["id"]))
        return None

    def map_item(self, raw: RawRecord) -> Post:
        if raw.meta.get("operation") == "delete":
            raise MappingError("delete event without a status id", code="missing_id")
        post = self._mapper.map_item(raw)
        post.source = f"live:{self.source_name}"
        status = raw.payload["reblog"] if isinstance(raw.payload.get("reblog"), dict) else raw.payload
        account = status.get("account") if isinstance(status.get("account"), dict) else {}
        if account.get("discoverable") is False:
            post.author_flags.append("discoverable=false")
        return post


def _status_id(status: Any) -> int:
    value = status.get("id") if isinstance(status, dict) else None
    return int(value) if isinstance(value, str) and value.isdigit() else 0


def _json_list(response: httpx.Response | None) -> list[Any]:
    if response is None:
        return []
    try:
        page = response.json()
    except ValueError:
        return []
    return page if isinstance(page, list) else []
