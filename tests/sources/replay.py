"""Loopback servers that replay recorded network payloads to the real client code (no internet).

* ``JetstreamReplay``: a websocket server on 127.0.0.1 speaking Jetstream's
  ``/subscribe`` protocol: honours ``cursor`` (replays events with
  ``time_us >= cursor``), can drop the connection after N frames, send
  zstd-compressed binary frames, and then stays open and silent like a quiet
  live stream.
* ``jetstream_events``: a seeded stream of events in the documented shapes
  (commit create/update/delete, identity, account), shapes from the Jetstream
  README (github.com/bluesky-social/jetstream, "Example events").
* ``HttpReplay``: a tiny threaded HTTP server answering from a route table,
  for Mastodon, Reddit, RSS and Bluesky XRPC replays (429s, slow answers).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import zstandard
from websockets.asyncio.server import ServerConnection, serve
from websockets.exceptions import ConnectionClosed

Frame = tuple[int, str]  # (time_us the frame is filed under, frame text)
BASE_TIME_US = 1_764_400_000_000_000  # 2025-11-29, microseconds


# --- Jetstream events ------------------------------------------------------------------


def did(n: int) -> str:
    return f"did:plc:author{n:04d}"


def commit_event(
    time_us: int, author: int, rkey: str, operation: str, text: str | None = None, lang: str = "en"
) -> dict[str, Any]:
    commit: dict[str, Any] = {
        "rev": f"rev{time_us}",
        "operation": operation,
        "collection": "app.bsky.feed.post",
        "rkey": rkey,
    }
    if operation != "delete":
        commit["record"] = {
            "$type": "app.bsky.feed.post",
            "text": text or "",
            "createdAt": datetime.fromtimestamp(time_us / 1e6, UTC).isoformat().replace("+00:00", "Z"),
            "langs": [lang],
        }
        commit["cid"] = f"bafyrei{time_us}"
    return {"did": did(author), "time_us": time_us, "kind": "commit", "commit": commit}


def identity_event(time_us: int, author: int) -> dict[str, Any]:
    return {
        "did": did(author),
        "time_us": time_us,
        "kind": "identity",
        "identity": {
            "did": did(author),
            "handle": f"user{author}.bsky.social",
            "seq": time_us,
            "time": "2025-11-29T00:00:00.000Z",
        },
    }


def account_event(time_us: int, author: int) -> dict[str, Any]:
    return {
        "did": did(author),
        "time_us": time_us,
        "kind": "account",
        "account": {"active": True, "did": did(author), "seq": time_us, "time": "2025-11-29T00:00:00.000Z"},
    }


@dataclass
class Expected:
    """What the store must hold after the whole stream: post uri -> text, for posts that match 'acme'."""

    posts: dict[str, str] = field(default_factory=dict)
    deleted: set[str] = field(default_factory=set)
    malformed: int = 0


def jetstream_events(count: int, seed: int = 7, *, malformed_every: int = 0) -> tuple[list[Frame], Expected]:
    """``count`` frames: mostly creates, some edits, deletes, identity and account events, optional junk."""
    rng = random.Random(seed)
    frames: list[Frame] = []
    live: dict[str, str] = {}  # uri -> text, as upstream holds it now
    expected = Expected()
    for i in range(count):
        time_us = BASE_TIME_US + i * 1000
        roll = rng.random()
        if malformed_every and i % malformed_every == malformed_every - 1:
            frames.append(
                (time_us, '{"did": "did:plc:broken", "time_us": ' + str(time_us) + ', "kind": "comm')
            )
            expected.malformed += 1
            continue
        if roll < 0.04:
            frames.append((time_us, json.dumps(identity_event(time_us, i % 50))))
        elif roll < 0.06:
            frames.append((time_us, json.dumps(account_event(time_us, i % 50))))
        elif roll < 0.12 and live:
            uri = rng.choice(sorted(live))
            author, rkey = _split(uri)
            frames.append((time_us, json.dumps(commit_event(time_us, author, rkey, "delete"))))
            del live[uri]
        elif roll < 0.17 and live:
            uri = rng.choice(sorted(live))
            author, rkey = _split(uri)
            text = f"acme edited post {i}: still waiting on support"
            frames.append((time_us, json.dumps(commit_event(time_us, author, rkey, "update", text))))
            live[uri] = text
        else:
            author, rkey = i % 50, f"3k{i:07d}"
            brand = rng.random() < 0.8
            text = f"{'acme' if brand else 'other'} app crashed again, post {i} ✈️ café"
            frames.append((time_us, json.dumps(commit_event(time_us, author, rkey, "create", text))))
            live[f"at://{did(author)}/app.bsky.feed.post/{rkey}"] = text
    expected.posts = {uri: text for uri, text in live.items() if "acme" in text}
    return frames, expected


def _split(uri: str) -> tuple[int, str]:
    parts = uri.removeprefix("at://").split("/")
    return int(parts[0].removeprefix("did:plc:author")), parts[2]


# --- the websocket server ------------------------------------------------------------------


class JetstreamReplay:
    """Serve ``frames`` on ws://127.0.0.1:<port>/subscribe in a background thread."""

    def __init__(
        self,
        frames: list[Frame],
        *,
        drop_after: list[int] | None = None,
        dictionary: zstandard.ZstdCompressionDict | None = None,
        frame_delay: float = 0.0,
    ) -> None:
        self.frames = frames
        self.drop_after = list(drop_after or [])  # the k-th connection closes after drop_after[k] frames
        self.dictionary = dictionary
        self.frame_delay = frame_delay
        self.requests: list[dict[str, list[str]]] = []
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self.port = 0

    def __enter__(self) -> JetstreamReplay:
        self._thread.start()
        self._ready.wait(10)
        return self

    def __exit__(self, *exc: object) -> None:
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/subscribe"

    def _serve(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._main())

    async def _main(self) -> None:
        self._stop = asyncio.Event()
        async with serve(self._handle, "127.0.0.1", 0) as server:
            self.port = next(iter(server.sockets)).getsockname()[1]
            self._ready.set()
            await self._stop.wait()

    async def _handle(self, connection: ServerConnection) -> None:
        with contextlib.suppress(ConnectionClosed):  # the client went away (or was killed): normal here
            await self._replay(connection)

    async def _replay(self, connection: ServerConnection) -> None:
        query = parse_qs(urlsplit(connection.request.path).query)
        self.requests.append(query)
        cursor = int(query["cursor"][0]) if "cursor" in query else 0
        compress = query.get("compress") == ["true"]
        limit = self.drop_after.pop(0) if self.drop_after else None
        sent = 0
        for time_us, text in self.frames:
            if time_us < cursor:
                continue
            if limit is not None and sent >= limit:
                await connection.close()
                return
            await connection.send(self._encode(text) if compress else text)
            sent += 1
            if self.frame_delay:
                await asyncio.sleep(self.frame_delay)
        await connection.wait_closed()  # a live stream: silent until the client leaves

    def _encode(self, text: str) -> bytes:
        assert self.dictionary is not None, "compression asked for, but the replay has no dictionary"
        return zstandard.ZstdCompressor(dict_data=self.dictionary).compress(text.encode())


def train_dictionary(frames: list[Frame]) -> zstandard.ZstdCompressionDict:
    """A zstd dictionary trained on sample frames: stands in for Jetstream's own (not shipped)."""
    samples = [text.encode() for _, text in frames] * 4
    return zstandard.train_dictionary(8192, samples)


# --- HTTP ---------------------------------------------------------------------------------


@dataclass
class Reply:
    status: int = 200
    body: bytes | str | Any = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


Route = Callable[[str, dict[str, list[str]], dict[str, str], bytes], Reply]


class HttpReplay:
    """A threaded HTTP server on 127.0.0.1; ``routes`` maps "METHOD /path" to a function giving a Reply."""

    def __init__(self, routes: dict[str, Route]) -> None:
        self.routes = routes
        self.log: list[tuple[str, str, dict[str, list[str]], dict[str, str], bytes]] = []
        handler = self._handler_class()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> HttpReplay:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def calls(self, route: str) -> int:
        method, path = route.split(" ", 1)
        return sum(1 for m, p, *_ in self.log if m == method and p == path)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        replay = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                self._answer("GET")

            def do_POST(self) -> None:  # noqa: N802
                self._answer("POST")

            def _answer(self, method: str) -> None:
                parts = urlsplit(self.path)
                query = parse_qs(parts.query)
                headers = {k.lower(): v for k, v in self.headers.items()}
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                replay.log.append((method, parts.path, query, headers, body))
                route = replay.routes.get(f"{method} {parts.path}")
                reply = route(parts.path, query, headers, body) if route else Reply(404, b"{}")
                _send(self, reply)

            def log_message(self, *args: Any) -> None:
                pass

        return Handler


def _send(handler: BaseHTTPRequestHandler, reply: Reply) -> None:
    import time

    if reply.delay:
        time.sleep(reply.delay)
    body = reply.body
    if not isinstance(body, bytes | str):
        body = json.dumps(body)
    data = body.encode() if isinstance(body, str) else body
    try:
        handler.send_response(reply.status)
        for name, value in reply.headers.items():
            handler.send_header(name, value)
        if "Content-Type" not in reply.headers:
            handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the client gave up on a slow answer: that is the point of the test


class WebsocketReplay(JetstreamReplay):
    """Any websocket stream: sends ``messages`` to the first connection (dropping it after
    ``drop_after[0]``, if given); later connections hear nothing new, like a live stream."""

    def __init__(self, messages: list[str], *, drop_after: list[int] | None = None) -> None:
        super().__init__([(0, m) for m in messages], drop_after=drop_after)
        self.connections = 0
        self.headers: list[dict[str, str]] = []
        self.paths: list[str] = []
        self.received: list[str] = []

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def _replay(self, connection: ServerConnection) -> None:
        self.paths.append(connection.request.path)
        self.headers.append({k.lower(): v for k, v in connection.request.headers.raw_items()})
        limit = self.drop_after.pop(0) if self.drop_after else None
        self.connections += 1
        for _, text in self.frames[:limit] if self.connections == 1 else []:
            await connection.send(text)
        if limit is not None:
            await connection.close()
            return
        async for message in connection:  # subscribe requests from the client
            self.received.append(str(message))


# --- Mastodon entities (shapes: docs.joinmastodon.org/entities/Status and /entities/Account) ----------


def mastodon_account(
    n: int,
    *,
    noindex: bool = False,
    indexable: bool = True,
    discoverable: bool = True,
    note: str = "<p>Coffee and trains.</p>",
) -> dict[str, Any]:
    return {
        "id": str(109_300_000_000_000_000 + n),
        "username": f"user{n}",
        "acct": f"user{n}",
        "display_name": f"User {n}",
        "locked": False,
        "bot": False,
        "discoverable": discoverable,
        "indexable": indexable,
        "noindex": noindex,
        "created_at": "2022-11-01T00:00:00.000Z",
        "note": note,
        "url": f"https://mastodon.example/@user{n}",
        "uri": f"https://mastodon.example/users/user{n}",
        "followers_count": 10,
        "following_count": 5,
        "statuses_count": 100,
    }


def mastodon_status(
    status_id: int, text: str, *, account: dict[str, Any] | None = None, tag: str = "acme"
) -> dict[str, Any]:
    account = account or mastodon_account(status_id % 7)
    return {
        "id": str(status_id),
        "created_at": "2025-11-29T10:15:00.000Z",
        "in_reply_to_id": None,
        "in_reply_to_account_id": None,
        "sensitive": False,
        "spoiler_text": "",
        "visibility": "public",
        "language": "en",
        "uri": f"https://mastodon.example/users/x/statuses/{status_id}",
        "url": f"https://mastodon.example/@x/{status_id}",
        "replies_count": 0,
        "reblogs_count": 1,
        "favourites_count": 2,
        "edited_at": None,
        "content": f'<p>{text} <a href="https://mastodon.example/tags/{tag}" class="mention hashtag" '
        f'rel="tag">#<span>{tag}</span></a></p>',
        "reblog": None,
        "account": account,
        "media_attachments": [],
        "mentions": [],
        "tags": [{"name": tag, "url": f"https://mastodon.example/tags/{tag}"}],
        "emojis": [],
        "card": None,
        "poll": None,
    }


def mastodon_message(event: str, payload: Any, stream: list[str] | None = None) -> str:
    """A streaming message: the payload of update/status.update is the Status as a JSON *string*."""
    body = payload if isinstance(payload, str) else json.dumps(payload)
    return json.dumps({"stream": stream or ["hashtag", "acme"], "event": event, "payload": body})


# --- Reddit things (shapes: reddit.com/dev/api "listings" and "fullnames"; t3 link, t1 comment) -------

REDDIT_BASE_TIME = 1_764_400_000  # seconds


def reddit_post(n: int, title: str, selftext: str = "", author: str | None = None) -> dict[str, Any]:
    return {
        "kind": "t3",
        "data": {
            "id": f"p{n}",
            "name": f"t3_p{n}",
            "title": title,
            "selftext": selftext,
            "author": author or f"redditor{n % 5}",
            "author_fullname": f"t2_u{n % 5}",
            "subreddit": "acme",
            "created_utc": float(REDDIT_BASE_TIME + n),
            "permalink": f"/r/acme/comments/p{n}/post_{n}/",
            "url": f"https://www.reddit.com/r/acme/comments/p{n}/post_{n}/",
            "score": 3,
            "num_comments": 1,
            "over_18": False,
        },
    }


def reddit_comment(n: int, body: str, post: int = 1, author: str | None = None) -> dict[str, Any]:
    return {
        "kind": "t1",
        "data": {
            "id": f"c{n}",
            "name": f"t1_c{n}",
            "body": body,
            "author": author or f"redditor{n % 5}",
            "author_fullname": f"t2_u{n % 5}",
            "subreddit": "acme",
            "created_utc": float(REDDIT_BASE_TIME + n),
            "link_id": f"t3_p{post}",
            "parent_id": f"t3_p{post}",
            "permalink": f"/r/acme/comments/p{post}/x/c{n}/",
            "score": 1,
        },
    }


def reddit_listing(things: list[dict[str, Any]], after: str | None = None) -> dict[str, Any]:
    return {
        "kind": "Listing",
        "data": {"after": after, "before": None, "dist": len(things), "modhash": "", "children": things},
    }
