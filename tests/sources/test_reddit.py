"""Reddit: the real OAuth and listing client against a loopback replay of documented payloads.

Shapes: token response from github.com/reddit-archive/reddit/wiki/OAuth2 (``access_token``,
``token_type``, ``expires_in``, ``scope``); listings and things from reddit.com/dev/api;
rate-limit headers from Reddit's Data API wiki (X-Ratelimit-Used/Remaining/Reset).
"""

from __future__ import annotations

import base64
from urllib.parse import parse_qs

import pytest
from tests.sources.livekit import FAST_BACKOFF, cursor_of, run_until, stored_keys
from tests.sources.replay import HttpReplay, Reply, reddit_comment, reddit_listing, reddit_post

from tactful.errors import ConfigError, MappingError
from tactful.sources.live import Link
from tactful.sources.reddit import RedditSource, is_gone, map_thing

UA = "python:tactful-tests:0.1 (by /u/tactful_dev)"


def reddit(base: str, **settings) -> RedditSource:
    table = {
        "type": "reddit",
        "user_agent": UA,
        "client_id_env": "R_ID",
        "client_secret_env": "R_SECRET",
        "subreddits": ["r/acme"],
        "auth_url": f"{base}/api/v1/access_token",
        "api_url": base,
        "poll_seconds": 0.1,
        "flush_seconds": 0.1,
        **settings,
    }
    return RedditSource.from_config("rdt", table)  # type: ignore[return-value]


@pytest.fixture
def link(monkeypatch) -> Link:
    monkeypatch.setenv("R_ID", "client-id")
    monkeypatch.setenv("R_SECRET", "client-secret")
    return Link(backoff=FAST_BACKOFF)


def token_route(tokens: list[str]):
    def route(path, query, headers, body):
        tokens.append(headers.get("authorization", ""))
        return Reply(
            200,
            {"access_token": f"tok{len(tokens)}", "token_type": "bearer", "expires_in": 86400, "scope": "*"},
        )

    return route


def listing_route(
    pages: dict[str | None, dict], *, expect_token: str | None = None, first: Reply | None = None
):
    seen: list[int] = []

    def route(path, query, headers, body):
        seen.append(1)
        if first is not None and len(seen) == 1:
            return first
        if expect_token and headers.get("authorization") != f"bearer {expect_token}":
            return Reply(401, {"message": "Unauthorized", "error": 401})
        after = query.get("after", [None])[0]
        return Reply(
            200,
            pages.get(after, reddit_listing([])),
            headers={"X-Ratelimit-Used": "1", "X-Ratelimit-Remaining": "599", "X-Ratelimit-Reset": "300"},
        )

    return route


def test_posts_and_comments_are_read_with_oauth_paging_and_the_user_agent(link, store, make_pipeline):
    tokens: list[str] = []
    posts = [reddit_post(n, f"acme app review {n}", "It keeps logging me out.") for n in range(1, 151)]
    newest_first = list(reversed(posts))
    comments = [
        reddit_comment(500, "acme support fixed it"),
        reddit_comment(501, "[removed]", author="[deleted]"),
        reddit_comment(502, "unrelated chat"),
    ]
    routes = {
        "POST /api/v1/access_token": token_route(tokens),
        "GET /r/acme/new": listing_route(
            {
                None: reddit_listing(newest_first[:100], after="t3_p50"),
                "t3_p50": reddit_listing(newest_first[100:]),
            },
            expect_token="tok2",
            first=Reply(401, {"message": "Unauthorized", "error": 401}),
        ),
        "GET /r/acme/comments": listing_route({None: reddit_listing(comments)}),
    }
    with HttpReplay(routes) as server:
        source = reddit(server.url, first_pages=2)
        run_until(
            source, make_pipeline(source), store, lambda runner: len(stored_keys(store)) == 151, link=link
        )
        user_agents = {headers.get("user-agent") for *_, headers, _ in server.log}
        grants = [parse_qs(body.decode()) for method, path, _, _, body in server.log if method == "POST"]
    stored = stored_keys(store)
    assert set(stored) == {f"t3_p{n}" for n in range(1, 151)} | {"t1_c500"}
    assert stored["t3_p7"] == "acme app review 7\n\nIt keeps logging me out."
    assert user_agents == {UA}
    assert tokens[0] == "Basic " + base64.b64encode(b"client-id:client-secret").decode()
    assert len(tokens) >= 2, "a 401 should fetch a fresh token"
    assert grants[0] == {"grant_type": ["client_credentials"]}


def test_deleted_and_vanished_items_are_erased_by_deletion_sync(link, store, make_pipeline):
    posts = [reddit_post(n, f"acme outage {n}") for n in range(1, 6)]
    info_calls: list[list[str]] = []

    def info(path, query, headers, body):
        asked = query["id"][0].split(",")
        info_calls.append(asked)
        answer = [
            p for p in posts if p["data"]["name"] in asked and p["data"]["name"] not in ("t3_p2", "t3_p4")
        ]
        answer.append(reddit_post(2, "[deleted]", "[deleted]", author="[deleted]"))  # deleted by its author
        return Reply(200, reddit_listing(answer))  # t3_p4 vanished entirely (e.g. its subreddit was banned)

    routes = {
        "POST /api/v1/access_token": token_route([]),
        "GET /r/acme/new": listing_route({None: reddit_listing(list(reversed(posts)))}),
        "GET /api/info": info,
    }
    with HttpReplay(routes) as server:
        source = reddit(server.url, comments=False, deletion_sync_seconds=0)
        run_until(
            source,
            make_pipeline(source),
            store,
            lambda runner: bool(info_calls) and set(stored_keys(store)) == {"t3_p1", "t3_p3", "t3_p5"},
            link=link,
        )
    assert set(stored_keys(store)) == {"t3_p1", "t3_p3", "t3_p5"}
    assert sorted(info_calls[0]) == [f"t3_p{n}" for n in range(1, 6)]


def test_the_cursor_resumes_each_listing_where_it_was(link, store, make_pipeline):
    posts = [reddit_post(n, f"acme {n}") for n in range(1, 4)]
    routes = {
        "POST /api/v1/access_token": token_route([]),
        "GET /r/acme/new": listing_route({None: reddit_listing(list(reversed(posts)))}),
    }
    with HttpReplay(routes) as server:
        source = reddit(server.url, comments=False)
        run_until(
            source, make_pipeline(source), store, lambda runner: len(stored_keys(store)) == 3, link=link
        )
    assert cursor_of(store, "rdt") == f'{{"/r/acme/new": {float(posts[-1]["data"]["created_utc"])}}}'


def test_a_slow_answer_times_out_and_is_retried(link, store, make_pipeline):
    calls: list[int] = []

    def slow_then_fast(path, query, headers, body):
        calls.append(1)
        delay = 1.5 if len(calls) == 1 else 0.0
        return Reply(200, reddit_listing([reddit_post(9, "acme slow")]), delay=delay)

    routes = {"POST /api/v1/access_token": token_route([]), "GET /r/acme/new": slow_then_fast}
    with HttpReplay(routes) as server:
        source = reddit(server.url, comments=False, timeout=0.5)
        _, runner = run_until(
            source, make_pipeline(source), store, lambda runner: bool(stored_keys(store)), link=link
        )
    assert runner.health.errors >= 1 and runner.health.last_error == "timeout"
    assert set(stored_keys(store)) == {"t3_p9"}


@pytest.mark.parametrize("user_agent", ["tactful/0.1", "python:tactful:0.1", "python:tactful:0.1 (by u/x)"])
def test_a_user_agent_not_in_reddits_format_is_refused(user_agent):
    with pytest.raises(ConfigError, match="user_agent"):
        RedditSource.from_config(
            "rdt",
            {
                "type": "reddit",
                "user_agent": user_agent,
                "client_id_env": "A",
                "client_secret_env": "B",
                "subreddits": ["acme"],
            },
        )


@pytest.mark.parametrize(
    ("thing", "expected"),
    [
        (reddit_post(1, "Title", "Body"), ("t3_p1", "Title\n\nBody", None, "t3_p1")),
        (reddit_post(2, "Only a title"), ("t3_p2", "Only a title", None, "t3_p2")),
        (reddit_comment(3, "a reply", post=2), ("t1_c3", "a reply", "t3_p2", "t3_p2")),
    ],
)
def test_things_map_to_posts(thing, expected):
    post = map_thing(thing)
    assert (post.platform_id, post.text, post.reply_to_id, post.thread_id) == expected
    assert post.url.startswith("https://www.reddit.com/r/acme/comments/")


@pytest.mark.parametrize(
    ("thing", "code"),
    [
        ({"kind": "t5", "data": {}}, "wrong_type"),
        ({"kind": "t1", "data": {"name": "t1_x", "body": "hi"}}, "bad_date"),
        ({"kind": "t1", "data": {"name": "t1_x", "body": "", "created_utc": 1.0}}, "empty_text"),
    ],
)
def test_unusable_things_raise_mapping_errors(thing, code):
    with pytest.raises(MappingError) as caught:
        map_thing(thing)
    assert caught.value.reason_code == code


@pytest.mark.parametrize(
    ("data", "gone"),
    [
        ({"author": "[deleted]", "body": "[deleted]"}, True),
        ({"author": "someone", "body": "[removed]"}, True),
        ({"author": "someone", "selftext": "[removed]"}, True),
        ({"author": "someone", "body": "I [removed] the battery"}, False),
    ],
)
def test_deleted_or_removed_things_are_recognised(data, gone):
    assert is_gone(data) is gone


def test_an_error_answer_to_deletion_sync_deletes_nothing(link, store, make_pipeline):
    posts = [reddit_post(n, f"acme outage {n}") for n in range(1, 4)]
    info_calls: list[int] = []

    def info(path, query, headers, body):
        info_calls.append(1)
        return Reply(403, {"message": "Forbidden", "error": 403})

    routes = {
        "POST /api/v1/access_token": token_route([]),
        "GET /r/acme/new": listing_route({None: reddit_listing(list(reversed(posts)))}),
        "GET /api/info": info,
    }
    with HttpReplay(routes) as server:
        source = reddit(server.url, comments=False, deletion_sync_seconds=0)
        run_until(source, make_pipeline(source), store, lambda runner: len(info_calls) >= 2, link=link)
    assert set(stored_keys(store)) == {"t3_p1", "t3_p2", "t3_p3"}
