"""RSS/Atom: the real polling client (httpx + feedparser) against a loopback feed server.

Shapes: RSS 2.0 (www.rssboard.org/rss-specification: channel/item with guid, pubDate,
category) and Atom (RFC 4287: feed/entry with id, updated, published, summary, category).
Conditional requests: RFC 9110 (ETag/If-None-Match, Last-Modified/If-Modified-Since, 304).
"""

from __future__ import annotations

import pytest
from tests.sources.livekit import FAST_BACKOFF, cursor_of, run_until, stored_keys
from tests.sources.replay import HttpReplay, Reply

from tactful.errors import MappingError
from tactful.sources.live import Link
from tactful.sources.rss import RssSource, map_entry

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Tech news</title><link>https://news.example/</link>
<description>News</description>
<item><title>Acme outage hits millions</title><link>https://news.example/acme-outage</link>
<guid isPermaLink="false">news-1001</guid><pubDate>Sat, 29 Nov 2025 09:00:00 GMT</pubDate>
<description>&lt;p&gt;The &lt;b&gt;Acme&lt;/b&gt; app was down for &lt;a href="https://status.example/1"&gt;hours&lt;/a&gt;.&lt;/p&gt;</description>
<category>Outages</category></item>
<item><title>Weather today</title><link>https://news.example/weather</link><guid>news-1002</guid>
<pubDate>Sat, 29 Nov 2025 08:00:00 GMT</pubDate><description>Sunny.</description></item>
<item><title>Acme without a date</title><link>https://news.example/nodate</link><guid>news-1003</guid></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>#acme</title><id>urn:uuid:feed-acme</id>
<updated>2025-11-29T10:00:00Z</updated>
<entry><title>Loving the new acme release</title><id>tag:blog.example,2025:post-7</id>
<link href="https://blog.example/post-7"/><published>2025-11-29T09:30:00+01:00</published>
<updated>2025-11-29T10:00:00Z</updated><author><name>Blogger</name></author>
<summary type="html">&lt;p&gt;Acme 2.0 is fast.&lt;/p&gt;</summary><category term="acme"/></entry>
</feed>"""


def feed_route(body: str, etag: str, content_type: str):
    def route(path, query, headers, _body):
        if headers.get("if-none-match") == etag:
            return Reply(304, b"", headers={"ETag": etag})
        return Reply(
            200,
            body,
            headers={
                "ETag": etag,
                "Last-Modified": "Sat, 29 Nov 2025 10:00:00 GMT",
                "Content-Type": content_type,
            },
        )

    return route


def test_rss_and_atom_entries_are_stored_and_unchanged_feeds_cost_a_304(store, make_pipeline):
    routes = {
        "GET /news.rss": feed_route(RSS, '"v1"', "application/rss+xml"),
        "GET /tags/acme.atom": feed_route(ATOM, '"a1"', "application/atom+xml"),
    }
    with HttpReplay(routes) as server:
        feeds = [f"{server.url}/news.rss", f"{server.url}/tags/acme.atom"]
        source = RssSource.from_config(
            "news", {"type": "rss", "feeds": feeds, "poll_seconds": 0.05, "flush_seconds": 0.05}
        )
        run_until(
            source,
            make_pipeline(source),
            store,
            lambda runner: server.calls("GET /news.rss") >= 3,
            link=Link(backoff=FAST_BACKOFF),
        )
        conditional = [
            headers.get("if-none-match") for method, path, _, headers, _ in server.log if path == "/news.rss"
        ]
    stored = stored_keys(store)
    assert set(stored) == {"news-1001", "tag:blog.example,2025:post-7"}
    assert stored["news-1001"] == "Acme outage hits millions\n\nThe Acme app was down for hours."
    assert conditional[:2] == [None, '"v1"']
    assert store.count_quarantined() == 1  # the entry without a date, once: later polls were 304s
    post = next(p for p in store.iter_posts() if p.platform_id.startswith("tag:"))
    assert post.created_at.isoformat() == "2025-11-29T08:30:00+00:00"
    assert post.hashtags == ["acme"]


def test_the_cursor_keeps_each_feeds_validators_and_a_restart_sends_them(store, make_pipeline):
    routes = {"GET /news.rss": feed_route(RSS, '"v1"', "application/rss+xml")}
    with HttpReplay(routes) as server:
        feed = f"{server.url}/news.rss"
        for run in range(1, 3):
            source = RssSource.from_config("news", {"type": "rss", "feeds": [feed], "flush_seconds": 0.05})
            run_until(
                source,
                make_pipeline(source),
                store,
                lambda runner, run=run: len(server.log) >= run and runner.report.batches >= 2 - run,
                link=Link(backoff=FAST_BACKOFF),
            )
        second_start = [h.get("if-none-match") for *_, h, _ in server.log][1]
    assert second_start == '"v1"'
    assert '"etag": "\\"v1\\""' in cursor_of(store, "news")


@pytest.mark.parametrize(
    ("entry", "code"),
    [
        ({"title": "x", "published": "2025-01-01T00:00:00+00:00"}, "missing_id"),
        ({"id": "a", "title": "", "summary": "", "published": "2025-01-01T00:00:00+00:00"}, "empty_text"),
        ({"id": "a", "title": "x", "published": None}, "bad_date"),
        ("not an entry", "wrong_type"),
    ],
)
def test_unusable_entries_raise_mapping_errors(entry, code):
    with pytest.raises(MappingError) as caught:
        map_entry(entry)
    assert caught.value.reason_code == code


def test_a_dead_feed_is_reported_and_does_not_hold_up_the_others(store, make_pipeline):
    routes = {
        "GET /gone.rss": lambda *a: Reply(
            404, "<html>not found</html>", headers={"Content-Type": "text/html"}
        ),
        "GET /news.rss": feed_route(RSS, '"v1"', "application/rss+xml"),
    }
    with HttpReplay(routes) as server:
        feeds = [f"{server.url}/gone.rss", f"{server.url}/news.rss"]
        source = RssSource.from_config("news", {"type": "rss", "feeds": feeds, "flush_seconds": 0.05})
        _, runner = run_until(
            source,
            make_pipeline(source),
            store,
            lambda runner: bool(stored_keys(store)),
            link=Link(backoff=FAST_BACKOFF),
        )
        assert server.calls("GET /gone.rss") == 1
    assert set(stored_keys(store)) == {"news-1001"}
    assert runner.health.errors == 1 and runner.health.last_error == "http_404"
