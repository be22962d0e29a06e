"""Bluesky, live: the Jetstream websocket (https://github.com/bluesky-social/jetstream).

    wss://<host>/subscribe?wantedCollections=app.bsky.feed.post[&cursor=<time_us>][&compress=true]

Each frame is one JSON event ``{did, time_us, kind, commit{rev, operation,
collection, rkey, record, cid}}``; ``kind`` is ``commit``, ``identity`` or
``account`` (the last two are counted and skipped). ``create`` and ``update``
carry the ``app.bsky.feed.post`` record and become posts (``at://{did}/app.bsky.feed.post/{rkey}``,
mapped by the same pure function as Bluesky file imports, facets by UTF-8 byte
offsets); ``delete`` erases the stored post. A frame that is not JSON is
quarantined, never fatal.

The cursor is ``time_us`` (Unix microseconds). On every (re)connect the
source asks for the last cursor minus ``rewind_seconds``, as Jetstream's docs
advise for gapless playback; the store absorbs the repeats. So that the
replay can neither bring back a post deleted inside that window nor undo an
edit, the cursor also carries the posts deleted or edited in the last
``rewind_seconds`` (JSON ``{"time_us", "changed": {post: time_us}}``, the post
named by a SHA-256 prefix of its uri so that no DID is stored in the cursor;
plain digits when there are none), and a replayed create or edit older than
its post's latest change is skipped.

Jetstream carries no account labels: the authors of matched posts are looked
up before the privacy gate (``labels.py``), so ``!no-unauthenticated`` is honoured.

Compression: with ``compress = true`` Jetstream sends binary frames, each a
zstd frame made with its own custom dictionary (``pkg/models/zstd_dictionary``
in the Jetstream repository). tactful does not ship that file; download it
and set ``zstd_dictionary`` to its path to turn compression on. Off by default.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import structlog
import zstandard
from pydantic import field_validator
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI
from websockets.sync.client import ClientConnection, connect

from tactful.errors import ConfigError, MappingError
from tactful.records import Post
from tactful.sources.base import RawRecord, sources
from tactful.sources.files.bluesky import BlueskyPosts
from tactful.sources.labels import ProfileLabels
from tactful.sources.live import IDLE, Idle, Link, LiveSettings, LiveSource

log = structlog.get_logger(__name__)

POST_COLLECTION = "app.bsky.feed.post"
MAX_FRAME_BYTES = 4 << 20


class JetstreamSettings(LiveSettings):
    url: str = "wss://jetstream2.us-east.bsky.network/subscribe"
    collections: list[str] = [POST_COLLECTION]
    wanted_dids: list[str] = []
    rewind_seconds: float = 5.0
    compress: bool = False
    zstd_dictionary: str | None = None  # path to Jetstream's zstd dictionary; needed when compress = true
    open_timeout: float = 10.0
    check_labels: bool = True  # look up matched authors' labels (!no-unauthenticated) before storing
    profiles_url: str = "https://public.api.bsky.app"  # AppView for app.bsky.actor.getProfiles
    search_url: str = "https://api.bsky.app"  # AppView for backfill (app.bsky.feed.searchPosts)
    search_token_env: str | None = None  # access token for search, when the AppView asks for one

    @field_validator("url")
    @classmethod
    def _websocket_url(cls, value: str) -> str:
        if not value.startswith(("ws://", "wss://")):
            raise ValueError("must be a ws:// or wss:// URL")
        return value


@sources.register("jetstream")
class JetstreamSource(LiveSource):
    name = "jetstream"
    platform = "bluesky"
    Settings = JetstreamSettings
    settings: JetstreamSettings

    def __init__(self, name: str, settings: LiveSettings) -> None:
        super().__init__(name, settings)
        self.skipped = {"identity": 0, "account": 0, "other_collection": 0}
        self._decompress = _decompressor(self.settings)
        self._mapper = BlueskyPosts()
        self._labels = (
            ProfileLabels(self.settings.profiles_url, source=name) if self.settings.check_labels else None
        )
        # change_key(uri) -> time_us of its last delete or edit, within the rewind window
        self._changed: OrderedDict[str, int] = OrderedDict()

    # --- reading ------------------------------------------------------------------

    def events(self, resume_from: str | None, link: Link) -> Iterator[RawRecord | Idle]:
        position, changed = parse_cursor(resume_from)
        self._changed = OrderedDict(sorted(changed.items(), key=lambda item: item[1]))
        attempt = 0
        while not link.stop.is_set():
            try:
                with self._connect(position) as socket:
                    for item in self._frames(socket, link):
                        if isinstance(item, RawRecord) and item.cursor is not None:
                            position, attempt = cursor_time(item.cursor), 0
                        yield item
                if link.stop.is_set():
                    return
                reason = "closed"
            except ConnectionClosed as exc:
                reason = "closed" if exc.rcvd is not None else "connection_lost"
            except (OSError, InvalidHandshake, InvalidURI, TimeoutError) as exc:
                reason = f"connect:{type(exc).__name__}"
            attempt += 1
            link.failed(reason)
            wait = link.retry_delay(attempt)
            log.warning(
                "jetstream.reconnect",
                source=self.source_name,
                reason=reason,
                attempt=attempt,
                wait=round(wait, 2),
            )
            link.sleep(wait)

    def _connect(self, position: int | None) -> ClientConnection:
        url = subscribe_url(self.settings, position)
        return connect(
            url, open_timeout=self.settings.open_timeout, max_size=MAX_FRAME_BYTES, close_timeout=1
        )

    def _frames(self, socket: ClientConnection, link: Link) -> Iterator[RawRecord | Idle]:
        frame_number = 0
        while not link.stop.is_set():
            try:
                frame = socket.recv(timeout=self.settings.idle_seconds)
            except TimeoutError:
                yield IDLE
                continue
            frame_number += 1
            yield self.to_record(frame, frame_number)

    def to_record(self, frame: str | bytes, frame_number: int) -> RawRecord:
        """One frame as a RawRecord; events not about posts are counted and only move the cursor."""
        location = f"frame {frame_number}"
        try:
            event = json.loads(self._decompress(frame) if isinstance(frame, bytes) else frame)
        except (ValueError, zstandard.ZstdError):
            return RawRecord(
                None, self.source_name, location, error="frame is not valid JSON", error_code="invalid_json"
            )
        if not isinstance(event, dict):
            return RawRecord(
                event, self.source_name, location, error="frame is not a JSON object", error_code="wrong_type"
            )
        skipped = _skip_reason(event)
        if skipped:
            self.skipped[skipped] += 1
        return self._event_record(event, location, skipped is not None)

    def _event_record(self, event: dict[str, Any], location: str, skipped: bool) -> RawRecord:
        value = event.get("time_us")
        commit = event["commit"] if isinstance(event.get("commit"), dict) else {}
        time_us = value if isinstance(value, int) and not isinstance(value, bool) else None
        operation = "skip" if skipped else str(commit.get("operation", "create"))
        if time_us is None:
            return RawRecord(event, self.source_name, location, meta={"operation": operation})
        operation = self._against_changes(_post_uri(event), operation, time_us)
        meta = {"operation": operation, "event_time": datetime.fromtimestamp(time_us / 1e6, UTC)}
        return RawRecord(event, self.source_name, f"event {time_us}", cursor=self._cursor(time_us), meta=meta)

    def _against_changes(self, uri: str | None, operation: str, time_us: int) -> str:
        """Remember deletes and edits for the rewind window; a replayed event older than the
        post's latest change is skipped (so a replay never resurrects or un-edits a post)."""
        if uri is not None and operation in ("create", "update", "delete"):
            post = change_key(uri)
            if time_us < self._changed.get(post, -1):
                return "skip"
            if operation != "create":
                self._changed.pop(post, None)
                self._changed[post] = time_us
        horizon = time_us - int(self.settings.rewind_seconds * 1_000_000)
        while self._changed and next(iter(self._changed.values())) < horizon:
            self._changed.popitem(last=False)
        return operation

    def _cursor(self, time_us: int) -> str:
        if not self._changed:
            return str(time_us)
        return json.dumps({"time_us": time_us, "changed": dict(self._changed)}, separators=(",", ":"))

    # --- mapping ------------------------------------------------------------------

    def enrich_matched(self, posts: list[Post], link: Link) -> list[Post]:
        """Jetstream carries no account labels: look up the matched authors' (docs: labels.py)."""
        return self._labels.flag(posts, link) if self._labels is not None else posts

    def record_key(self, raw: RawRecord) -> tuple[str, str] | None:
        uri = _post_uri(raw.payload)
        return (self.platform, uri) if uri else None

    def map_item(self, raw: RawRecord) -> Post:
        event = raw.payload if isinstance(raw.payload, dict) else {}
        commit = event.get("commit")
        if event.get("kind") != "commit" or not isinstance(commit, dict):
            raise MappingError("event is not a commit", code="wrong_type")
        uri = _post_uri(event)
        if uri is None:
            raise MappingError("commit lacks did or rkey", code="missing_id")
        if commit.get("operation") == "delete" or not isinstance(commit.get("record"), dict):
            raise MappingError("commit carries no post record", code="missing_record")
        view = {
            "uri": uri,
            "cid": commit.get("cid"),
            "author": {"did": event["did"]},
            "record": commit["record"],
        }
        post = self._mapper.map_item(RawRecord(view, raw.source, raw.location))
        post.source = f"live:{self.source_name}"
        return post


def parse_cursor(cursor: str | None) -> tuple[int | None, dict[str, int]]:
    """(time_us, recently deleted or edited uri -> time_us) from a stored cursor; (None, {}) if unreadable."""
    if not cursor:
        return None, {}
    if cursor.isdigit():
        return int(cursor), {}
    try:
        data = json.loads(cursor)
        changed = {str(uri): int(t) for uri, t in data.get("changed", {}).items()}
        return int(data["time_us"]), changed
    except (ValueError, TypeError, KeyError, AttributeError):
        return None, {}


def change_key(uri: str) -> str:
    """How the cursor names a recently changed post: no DID in the stored cursor."""
    return hashlib.sha256(uri.encode("utf-8")).hexdigest()[:24]


def cursor_time(cursor: str | None) -> int | None:
    """The ``time_us`` of a Jetstream cursor."""
    return parse_cursor(cursor)[0]


def subscribe_url(settings: JetstreamSettings, position: int | None) -> str:
    """The subscribe URL, resuming ``rewind_seconds`` before ``position`` (Unix microseconds)."""
    query: list[tuple[str, str]] = [("wantedCollections", c) for c in settings.collections]
    query += [("wantedDids", d) for d in settings.wanted_dids]
    if position is not None:
        query.append(("cursor", str(max(0, position - int(settings.rewind_seconds * 1_000_000)))))
    if settings.compress:
        query.append(("compress", "true"))
    return f"{settings.url}?{urlencode(query)}"


def _skip_reason(event: dict[str, Any]) -> str | None:
    kind = event.get("kind")
    if kind in ("identity", "account"):
        return str(kind)
    commit = event.get("commit")
    if kind == "commit" and isinstance(commit, dict) and commit.get("collection") != POST_COLLECTION:
        return "other_collection"
    return None


def _post_uri(event: Any) -> str | None:
    if not isinstance(event, dict) or not isinstance(event.get("commit"), dict):
        return None
    did, rkey = event.get("did"), event["commit"].get("rkey")
    if not isinstance(did, str) or not did.startswith("did:") or not isinstance(rkey, str) or not rkey:
        return None
    return f"at://{did}/{POST_COLLECTION}/{rkey}"


def _decompressor(settings: JetstreamSettings) -> Any:
    """Binary frames are zstd with Jetstream's dictionary; without compression they never come."""
    if not settings.compress:
        return lambda frame: frame
    if not settings.zstd_dictionary:
        raise ConfigError(
            "jetstream: compress = true needs zstd_dictionary, the path to Jetstream's "
            "zstd dictionary (docs/sources.md)"
        )
    path = Path(settings.zstd_dictionary).expanduser()
    if not path.is_file():
        raise ConfigError(f"jetstream: zstd_dictionary {path.name}: no such file")
    dictionary = zstandard.ZstdCompressionDict(path.read_bytes())
    decompressor = zstandard.ZstdDecompressor(dict_data=dictionary)
    return lambda frame: decompressor.decompress(frame, max_output_size=MAX_FRAME_BYTES)
