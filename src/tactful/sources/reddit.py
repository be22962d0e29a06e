"""Reddit, polled: OAuth app credentials, new/search/comment listings, and deletion sync.

Reddit's Data API rules (github.com/reddit-archive/reddit/wiki/OAuth2, /wiki/API,
reddit.com/dev/api):

* a token from ``POST https://www.reddit.com/api/v1/access_token`` with the app's
  client id and secret as HTTP Basic auth (``grant_type=client_credentials``, or
  ``password`` with the account's username and password for a script app); API
  calls go to ``https://oauth.reddit.com`` with ``Authorization: bearer <token>``;
* a User-Agent of the form ``<platform>:<app ID>:<version> (by /u/<username>)``;
* ``X-Ratelimit-Used``, ``X-Ratelimit-Remaining`` and ``X-Ratelimit-Reset``
  (seconds to the window's end) honoured: the client pauses when none remain;
* listings ``{"kind": "Listing", "data": {"after", "children": [{"kind": "t3"|"t1", "data"}]}}``,
  newest first, paged with ``after``;
* content deleted on Reddit must be deleted here too: stored ids are re-checked
  through ``/api/info?id=t3_x,t1_y`` and those now ``[deleted]``/``[removed]``
  (or gone) are erased.

The cursor is JSON: per listing, the ``created_utc`` of the newest item stored.
Each poll re-reads ``rewind_seconds`` behind it; the store absorbs the repeats.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import structlog
from pydantic import field_validator

from tactful.errors import MappingError
from tactful.records import Post
from tactful.sources.base import RawRecord, sources
from tactful.sources.files.fields import optional_str, require_id, require_text
from tactful.sources.http import request
from tactful.sources.live import IDLE, Idle, Link, LiveSettings, LiveSource, secret_from_env

log = structlog.get_logger(__name__)

USER_AGENT = re.compile(r"^[\w.\-]+:[\w.\-]+:[\w.+\-]+ \(by /u/[\w\-]+\)$")
GONE = {"[deleted]", "[removed]"}
PAGE_LIMIT = 100


class RedditSettings(LiveSettings):
    user_agent: str  # <platform>:<app ID>:<version> (by /u/<username>)
    client_id_env: str
    client_secret_env: str
    username_env: str | None = None  # with password_env: the password grant (script apps)
    password_env: str | None = None
    subreddits: list[str] = []
    query: str | None = None  # search (within the subreddits, or site-wide without them)
    comments: bool = True  # also read each subreddit's newest comments
    poll_seconds: float = 60.0
    first_pages: int = 1  # pages read per listing on the very first poll
    max_pages: int = 10
    rewind_seconds: float = 300.0
    deletion_sync_seconds: float = 3600.0
    deletion_sync_batch: int = 100
    auth_url: str = "https://www.reddit.com/api/v1/access_token"
    api_url: str = "https://oauth.reddit.com"
    timeout: float = 20.0

    @field_validator("user_agent")
    @classmethod
    def _reddit_user_agent(cls, value: str) -> str:
        if not USER_AGENT.match(value):
            raise ValueError(
                "must look like '<platform>:<app ID>:<version> (by /u/<username>)', "
                "as Reddit's API rules require"
            )
        return value

    @field_validator("subreddits")
    @classmethod
    def _bare_names(cls, value: list[str]) -> list[str]:
        return [name.removeprefix("/").removeprefix("r/") for name in value]


@sources.register("reddit")
class RedditSource(LiveSource):
    name = "reddit"
    platform = "reddit"
    Settings = RedditSettings
    settings: RedditSettings

    def __init__(self, name: str, settings: LiveSettings) -> None:
        super().__init__(name, settings)
        if not self.settings.subreddits and not self.settings.query:
            from tactful.errors import ConfigError

            raise ConfigError(f"sources.{name}: set 'subreddits', 'query' or both")
        self.state: dict[str, float] = {}
        self._token: tuple[str, float] | None = None  # (token, expires at, monotonic)
        self._synced_after = 0
        self._next_sync = 0.0

    # --- reading ------------------------------------------------------------------

    def events(self, resume_from: str | None, link: Link) -> Iterator[RawRecord | Idle]:
        self.state = _load_state(resume_from)
        self._credentials(link)  # fail fast on a missing variable
        self._next_sync = time.monotonic() + self.settings.deletion_sync_seconds
        headers = {"User-Agent": self.settings.user_agent}
        with httpx.Client(headers=headers, timeout=self.settings.timeout) as http:
            while not link.stop.is_set():
                for path, params in self.listings():
                    yield from self.poll(http, link, path, params)
                if time.monotonic() >= self._next_sync:
                    yield from self.sync_deletions(http, link)
                    self._next_sync = time.monotonic() + self.settings.deletion_sync_seconds
                yield IDLE
                link.sleep(self.settings.poll_seconds)

    def listings(self) -> list[tuple[str, dict[str, str]]]:
        found: list[tuple[str, dict[str, str]]] = []
        for sub in self.settings.subreddits:
            found.append((f"/r/{sub}/new", {}))
            if self.settings.comments:
                found.append((f"/r/{sub}/comments", {}))
            if self.settings.query:
                found.append(
                    (f"/r/{sub}/search", {"q": self.settings.query, "restrict_sr": "1", "sort": "new"})
                )
        if not self.settings.subreddits and self.settings.query:
            found.append(("/search", {"q": self.settings.query, "sort": "new"}))
        return found

    def poll(self, http: httpx.Client, link: Link, path: str, params: dict[str, str]) -> Iterator[RawRecord]:
        """One listing, newest pages first until the cursor (minus the rewind); yielded oldest first."""
        key = path + ("?" + "&".join(f"{k}={v}" for k, v in sorted(params.items())) if params else "")
        since = self.state.get(key)
        floor = since - self.settings.rewind_seconds if since is not None else None
        pages = self.settings.max_pages if since is not None else self.settings.first_pages
        things = self._read_pages(http, link, path, params, floor, pages)
        for thing in sorted(things, key=_created):
            self.state[key] = max(self.state.get(key, 0.0), _created(thing))
            yield self._record(thing, path)

    def _read_pages(
        self,
        http: httpx.Client,
        link: Link,
        path: str,
        params: dict[str, str],
        floor: float | None,
        pages: int,
    ) -> list[dict[str, Any]]:
        things: list[dict[str, Any]] = []
        after: str | None = None
        for _ in range(pages):
            page_params = {
                **params,
                "limit": str(PAGE_LIMIT),
                "raw_json": "1",
                **({"after": after} if after else {}),
            }
            listing = self._get(http, link, path, page_params)
            children = [c for c in _children(listing) if floor is None or _created(c) >= floor]
            things.extend(children)
            after = _after(listing)
            if not after or len(children) < len(_children(listing)):
                break
        return things

    def sync_deletions(self, http: httpx.Client, link: Link) -> Iterator[RawRecord]:
        """Re-check one batch of stored ids upstream; delete records for those gone or removed."""
        stored = link.stored_ids(self.platform, self._synced_after, self.settings.deletion_sync_batch)
        self._synced_after = stored[-1][0] if stored else 0  # wrap around at the end
        if not stored:
            return
        names = [platform_id for _, platform_id in stored]
        listing = self._get(http, link, "/api/info", {"id": ",".join(names), "raw_json": "1"})
        if listing is None:
            return
        alive = {c["data"].get("name") for c in _children(listing) if not is_gone(c.get("data", {}))}
        for name in names:
            if name not in alive:
                yield RawRecord(
                    {"name": name},
                    self.source_name,
                    "deletion sync",
                    cursor=self._cursor(),
                    meta={"operation": "delete"},
                )

    def _get(self, http: httpx.Client, link: Link, path: str, params: dict[str, str]) -> Any:
        response = request(
            http,
            "GET",
            self.settings.api_url + path,
            link,
            source=self.source_name,
            params=params,
            headers=self._auth(http, link),
            reauthorise=lambda: self._auth(http, link, fresh=True),
            give_up_on_client_error=True,
        )
        if response is None or response.status_code >= 400:
            return None  # never read an error body as a listing: deletion sync would erase everything
        try:
            return response.json()
        except ValueError:
            link.failed("invalid_json")
            return None

    # --- OAuth ----------------------------------------------------------------------

    def _credentials(self, link: Link) -> dict[str, Any]:
        what = f"sources.{self.source_name}"
        client = (
            secret_from_env(link.environ, self.settings.client_id_env, f"{what} client id"),
            secret_from_env(link.environ, self.settings.client_secret_env, f"{what} client secret"),
        )
        grant: dict[str, str] = {"grant_type": "client_credentials"}
        if self.settings.username_env or self.settings.password_env:
            grant = {
                "grant_type": "password",
                "username": secret_from_env(link.environ, self.settings.username_env, f"{what} username"),
                "password": secret_from_env(link.environ, self.settings.password_env, f"{what} password"),
            }
        return {"auth": client, "data": grant}

    def _auth(self, http: httpx.Client, link: Link, *, fresh: bool = False) -> dict[str, str]:
        if fresh or self._token is None or time.monotonic() >= self._token[1]:
            self._token = self._fetch_token(http, link)
        return {"Authorization": f"bearer {self._token[0]}"} if self._token[0] else {}

    def _fetch_token(self, http: httpx.Client, link: Link) -> tuple[str, float]:
        response = request(
            http, "POST", self.settings.auth_url, link, source=self.source_name, **self._credentials(link)
        )
        body = response.json() if response is not None else {}
        token = body.get("access_token") if isinstance(body, dict) else None
        if not isinstance(token, str):
            link.failed("auth:no_token")
            return "", 0.0
        expires = float(body.get("expires_in", 3600))
        return token, time.monotonic() + max(0.0, expires - 60)

    # --- records and mapping ----------------------------------------------------------------

    def _record(self, thing: dict[str, Any], path: str) -> RawRecord:
        operation = "delete" if is_gone(thing.get("data", {})) else "create"
        return RawRecord(
            thing,
            self.source_name,
            path,
            cursor=self._cursor(),
            meta={"operation": operation, "event_time": datetime.fromtimestamp(_created(thing), UTC)},
        )

    def _cursor(self) -> str:
        return json.dumps(self.state, sort_keys=True)

    def record_key(self, raw: RawRecord) -> tuple[str, str] | None:
        payload: dict[str, Any] = raw.payload if isinstance(raw.payload, dict) else {}
        data = payload["data"] if isinstance(payload.get("data"), dict) else payload
        name = data.get("name")
        return (self.platform, name) if isinstance(name, str) and name[:3] in ("t1_", "t3_") else None

    def map_item(self, raw: RawRecord) -> Post:
        post = map_thing(raw.payload)
        post.source = f"live:{self.source_name}"
        return post


def map_thing(thing: Any) -> Post:
    """A ``t3`` link (post) or ``t1`` comment to a Post; the fullname (``t3_abc``) is the platform id."""
    if (
        not isinstance(thing, dict)
        or thing.get("kind") not in ("t1", "t3")
        or not isinstance(thing.get("data"), dict)
    ):
        raise MappingError("not a Reddit t1 or t3 thing", code="wrong_type")
    data = thing["data"]
    is_post = thing["kind"] == "t3"
    if is_post:
        text = "\n\n".join(p for p in (data.get("title"), data.get("selftext")) if isinstance(p, str) and p)
    else:
        text = data.get("body")
    created = data.get("created_utc")
    if not isinstance(created, int | float) or isinstance(created, bool):
        raise MappingError("no created_utc", code="bad_date")
    permalink = optional_str(data.get("permalink"), "permalink")
    return Post(
        platform="reddit",
        platform_id=require_id(data.get("name"), "name"),
        text=require_text(text, "title/selftext" if is_post else "body"),
        created_at=datetime.fromtimestamp(float(created), UTC),
        author_handle=optional_str(data.get("author"), "author"),
        author_id=optional_str(data.get("author_fullname"), "author_fullname"),
        url=f"https://www.reddit.com{permalink}" if permalink else None,
        reply_to_id=None if is_post else optional_str(data.get("parent_id"), "parent_id"),
        thread_id=optional_str(data.get("name") if is_post else data.get("link_id"), "link_id"),
        engagement={
            k: v
            for k, v in (("score", data.get("score")), ("replies", data.get("num_comments")))
            if isinstance(v, int) and not isinstance(v, bool) and v >= 0
        },
        extra={k: data[k] for k in ("subreddit", "over_18") if k in data},
    )


def is_gone(data: dict[str, Any]) -> bool:
    """Deleted by its author or removed by moderators: Reddit replaces the author or the text."""
    return data.get("author") in GONE or data.get("body") in GONE or data.get("selftext") in GONE


def _children(listing: Any) -> list[dict[str, Any]]:
    data = listing.get("data") if isinstance(listing, dict) else None
    children = data.get("children") if isinstance(data, dict) else None
    return [c for c in children or [] if isinstance(c, dict) and isinstance(c.get("data"), dict)]


def _after(listing: Any) -> str | None:
    data = listing.get("data") if isinstance(listing, dict) else None
    after = data.get("after") if isinstance(data, dict) else None
    return after if isinstance(after, str) and after else None


def _created(thing: dict[str, Any]) -> float:
    value = thing.get("data", {}).get("created_utc")
    return float(value) if isinstance(value, int | float) else 0.0


def _load_state(cursor: str | None) -> dict[str, float]:
    try:
        state = json.loads(cursor) if cursor else {}
    except ValueError:
        return {}
    return (
        {str(k): float(v) for k, v in state.items() if isinstance(v, int | float)}
        if isinstance(state, dict)
        else {}
    )
