"""RSS and Atom, polled: news, blogs and per-hashtag feeds, parsed by feedparser.

Each feed is fetched with conditional requests (``If-None-Match`` from the last
``ETag``, ``If-Modified-Since`` from the last ``Last-Modified``), so an
unchanged feed costs a ``304 Not Modified`` and nothing else. An entry's
``id`` (Atom ``<id>``, RSS ``<guid>``) is its platform id, falling back to its
link; its text is the title and the summary as plain text.

The cursor is JSON: per feed URL, the validators of the last fetch stored. A
fetch that yields entries moves it with them (in the same transaction); one
that yields none still moves it, through a ``skip`` record.
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser
import httpx
import structlog

from tactful.errors import MappingError
from tactful.records import Post
from tactful.sources.base import RawRecord, sources
from tactful.sources.files.fields import dedupe
from tactful.sources.files.html_text import html_to_text
from tactful.sources.http import request
from tactful.sources.live import IDLE, Idle, Link, LiveSettings, LiveSource

log = structlog.get_logger(__name__)


class RssSettings(LiveSettings):
    feeds: list[str]
    poll_seconds: float = 300.0
    user_agent: str = "tactful-rss/0.1 (+https://github.com/tactful)"
    timeout: float = 20.0


@sources.register("rss")
class RssSource(LiveSource):
    name = "rss"
    platform = "rss"
    Settings = RssSettings
    settings: RssSettings

    def __init__(self, name: str, settings: LiveSettings) -> None:
        super().__init__(name, settings)
        self.validators: dict[str, dict[str, str]] = {}

    def events(self, resume_from: str | None, link: Link) -> Iterator[RawRecord | Idle]:
        self.validators = _load(resume_from)
        headers = {"User-Agent": self.settings.user_agent}
        with httpx.Client(headers=headers, timeout=self.settings.timeout, follow_redirects=True) as http:
            while not link.stop.is_set():
                for feed in self.settings.feeds:
                    yield from self.fetch(http, link, feed)
                yield IDLE
                link.sleep(self.settings.poll_seconds)

    def fetch(self, http: httpx.Client, link: Link, feed: str) -> Iterator[RawRecord]:
        response = request(
            http,
            "GET",
            feed,
            link,
            source=self.source_name,
            headers=self._conditional(feed),
            give_up_on_client_error=True,
        )
        if response is None or response.status_code == 304 or response.status_code >= 400:
            return  # stopped, unchanged, or gone (reported to the health record): try again next poll
        parsed = feedparser.parse(response.content, response_headers=dict(response.headers))
        if parsed.get("bozo") and not parsed.entries:
            link.failed("rss:unparseable")
            return
        self.validators[feed] = {
            k: v
            for k, v in (
                ("etag", response.headers.get("etag")),
                ("modified", response.headers.get("last-modified")),
            )
            if v
        }
        for number, entry in enumerate(parsed.entries, 1):
            yield RawRecord(
                _entry_payload(entry, feed),
                self.source_name,
                f"{feed} entry {number}",
                cursor=self._cursor(),
                meta={"operation": "create"},
            )
        yield RawRecord(None, self.source_name, feed, cursor=self._cursor(), meta={"operation": "skip"})

    def _conditional(self, feed: str) -> dict[str, str]:
        known = self.validators.get(feed, {})
        headers = {"If-None-Match": known["etag"]} if "etag" in known else {}
        if "modified" in known:
            headers["If-Modified-Since"] = known["modified"]
        return headers

    def _cursor(self) -> str:
        return json.dumps(self.validators, sort_keys=True)

    def record_key(self, raw: RawRecord) -> tuple[str, str] | None:
        payload = raw.payload if isinstance(raw.payload, dict) else {}
        entry_id = payload.get("id") or payload.get("link")
        return (self.platform, entry_id) if isinstance(entry_id, str) and entry_id else None

    def map_item(self, raw: RawRecord) -> Post:
        post = map_entry(raw.payload)
        post.source = f"live:{self.source_name}"
        return post


def map_entry(entry: Any) -> Post:
    """A feed entry (as ``_entry_payload`` keeps it) to a Post."""
    if not isinstance(entry, dict):
        raise MappingError("entry is not an object", code="wrong_type")
    entry_id = entry.get("id") or entry.get("link")
    if not isinstance(entry_id, str) or not entry_id:
        raise MappingError("entry has neither id nor link", code="missing_id")
    summary = html_to_text(entry.get("summary") or "")
    text = "\n\n".join(p for p in (entry.get("title"), summary.text) if p)
    if not text.strip():
        raise MappingError("entry has neither title nor summary", code="empty_text")
    if not entry.get("published"):
        raise MappingError("entry has no published or updated date", code="bad_date")
    return Post(
        platform="rss",
        platform_id=entry_id,
        text=text,
        created_at=datetime.fromisoformat(entry["published"]),
        author_name=entry.get("author") or None,
        url=entry.get("link") or None,
        lang=entry.get("lang") or None,
        hashtags=dedupe([t.lower().lstrip("#") for t in entry.get("tags", []) if isinstance(t, str)]),
        links=dedupe(
            [link for link in [entry.get("link"), *summary.links] if isinstance(link, str) and link]
        ),
        extra={"feed": entry.get("feed")},
    )


def _entry_payload(entry: Any, feed: str) -> dict[str, Any]:
    """The parts of a feedparser entry we use, as plain JSON-friendly values."""
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    summary = entry.get("summary") or ""
    if not summary and entry.get("content"):
        summary = entry["content"][0].get("value", "")
    return {
        "id": entry.get("id") or entry.get("link"),
        "title": entry.get("title", ""),
        "summary": summary,
        "link": entry.get("link"),
        "author": entry.get("author"),
        "published": datetime.fromtimestamp(calendar.timegm(when), UTC).isoformat() if when else None,
        "tags": [t.get("term") for t in entry.get("tags", []) if t.get("term")],
        "lang": (entry.get("summary_detail") or {}).get("language"),
        "feed": feed,
    }


def _load(cursor: str | None) -> dict[str, dict[str, str]]:
    try:
        state = json.loads(cursor) if cursor else {}
    except ValueError:
        return {}
    return {k: v for k, v in state.items() if isinstance(v, dict)} if isinstance(state, dict) else {}
