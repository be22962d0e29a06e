"""Post search equals evaluating the query on every stored post, newest first, page after page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from tactful.query.compiler import compile_one
from tactful.query.matcher import Matcher
from tactful.records import Post, QueryMatch, StoredPost
from tactful.store import Store, open_store, post_search, search_index
from tactful.store.post_search import Cursor, search_posts
from tactful.store.schema import post_search_stale, posts

T0 = datetime(2026, 3, 1, tzinfo=UTC)
TEXTS = [
    "Skylark lost my bag again, no refund yet",
    "skylark's crew were lovely, flight on time",
    "Delayed delivery of the refund from @Skylark.bsky.social",
    "the flight was delayed two hours #fail",
    "Great colour scheme on the new Skylark plane",
    "color me impressed by skylark support",
    "e-mail from skylark: your bag is lost",
    "email never came, refund delivered late",
    "cancelled flight, rebooked on skylark tomorrow",
    "Café au lait at the lounge was fine 🔥",
    "我爱苹果 and skylark",
    "SKYLARK REFUND NOW",
    "undelivered bag, skylark please help",
    "ok",
    "the pilot said the delay was weather",
]
QUERIES = [
    "skylark",
    "refund",
    "skylark AND refund",
    "skylark OR delayed",
    "skylark AND NOT refund",
    "NOT skylark",
    '"lost bag"',
    '"bag is lost"',
    "skylark NEAR/3 bag",
    "skylark NEAR/2f lost",
    "deliver*",
    "colo?r",
    "#fail",
    "fail",
    "@skylark.bsky.social",
    "e-mail",
    "lang:de",
    "platform:mastodon AND skylark",
    "ok",
    "🔥",
    "苹果",
    "café OR cafe",
    "(refund OR delay*) AND NOT (skylark NEAR/1 refund)",
]


def _post(i: int) -> StoredPost:
    return StoredPost(
        platform=("bluesky", "mastodon")[i % 2],
        platform_id=str(i),
        author_pseudonym=f"a{i % 5}",
        text=TEXTS[i % len(TEXTS)] + f" n{i}",
        created_at=T0 + timedelta(hours=(i * 7) % 40),  # out of insertion order, with ties
        lang=("en", "de", None)[i % 3],
        hashtags=["refund"] if i % 11 == 0 else [],
        mentions=["skylark.bsky.social"] if i % 13 == 0 else [],
        matches=[QueryMatch("q", "brand")],
    )


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as opened:
        opened.write_batch([_post(i) for i in range(1, 61)], [])
        yield opened


def brute_force(store: Store, query: str) -> list[str]:
    """Every stored post, newest first, through the matcher: what a search must return."""
    matcher = Matcher([compile_one("q", "q", query)]) if query else None
    with store.engine.connect() as conn:
        ids = dict(conn.execute(sa.select(posts.c.platform_id, posts.c.id)).all())
    found = [
        p for p in store.iter_posts()
        if matcher is None or matcher.match(Post(platform=p.platform, platform_id=p.platform_id, text=p.text,
                                                 created_at=p.created_at, lang=p.lang, mentions=p.mentions,
                                                 hashtags=p.hashtags, links=p.links))
    ]
    found.sort(key=lambda p: (p.created_at, ids[p.platform_id]), reverse=True)
    return [p.platform_id for p in found]


def every_page(store: Store, query: str, limit: int = 4) -> tuple[list[str], set[str]]:
    """Page through with cursors; the ids in order and the modes used."""
    seen, modes, after = [], set(), None
    for _ in range(500):
        page = search_posts(store, query, limit=limit, after=after)
        seen += [p.platform_id for p in page.posts]
        modes.add(page.mode)
        if page.next_cursor is None:
            return seen, modes
        after = page.next_cursor
    raise AssertionError("the cursor never reached the end")


WAYS = {  # search settings that send the same queries down each way
    "defaults: a probe scan finds all": {},
    "the index after a short probe": {"PROBE_ROWS": 2, "FIRST_WINDOW": 1},
    "scan only, tiny windows and budget": {"PROBE_ROWS": 2, "FIRST_WINDOW": 2, "INDEXED_LIMIT": 0,
                                           "SCAN_BUDGET": 7},
}


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("query", QUERIES)
def test_paging_through_a_search_equals_brute_force(store, monkeypatch, query, way):
    for name, value in WAYS[way].items():
        monkeypatch.setattr(post_search, name, value)
    found, modes = every_page(store, query, limit=3)
    assert found == brute_force(store, query)
    if way == "the index after a short probe" and post_search.search_cover_of(query) is not None:
        assert "indexed" in modes


def test_the_first_page_tells_the_total_when_it_saw_every_match(store):
    page = search_posts(store, "skylark", limit=100)
    assert page.total == len(brute_force(store, "skylark")) and page.next_cursor is None and not page.more
    assert search_posts(store, "", limit=5).total == 60


def test_offset_skips_matches(store):
    expected = brute_force(store, "skylark")
    page = search_posts(store, "skylark", limit=3, skip=4)
    assert [p.platform_id for p in page.posts] == expected[4:7] and page.more


def test_blanked_text_is_searched_as_it_is_now(store):
    with store.engine.begin() as conn:  # retention: text and mentions go, hashtags stay
        conn.execute(sa.update(posts).where(posts.c.id <= 30).values(text="", mentions=[], links=[]))
        assert conn.execute(sa.select(sa.func.count()).select_from(post_search_stale)).scalar() == 30
    for query in ("skylark", "#refund", "refund"):
        assert every_page(store, query)[0] == brute_force(store, query)
    store.write_batch([_post(61)], [])  # a write batch indexes the queued posts again
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(post_search_stale)).scalar() == 0
    for query in ("skylark", "#refund", "refund"):
        assert every_page(store, query)[0] == brute_force(store, query)


def test_deleted_posts_leave_the_index(store):
    store.delete_posts([("bluesky", str(i)) for i in range(2, 40, 2)])
    with store.engine.connect() as conn:
        found = search_index.matching_ids(conn, "skylark", 1000)
        stored = set(conn.execute(sa.select(posts.c.id)).scalars())
    assert set(found) <= stored
    assert every_page(store, "skylark")[0] == brute_force(store, "skylark")


def test_rebuild_indexes_posts_loaded_around_the_store(store):
    with store.engine.begin() as conn:
        conn.execute(sa.text(f"DELETE FROM {search_index.SEARCH_INDEX_TABLE}"))
    assert search_index.rebuild(store.engine) == 60
    assert every_page(store, "skylark AND refund")[0] == brute_force(store, "skylark AND refund")


@pytest.mark.parametrize("text", ["", "x", "12.", ".3", "abc.4", "1.2.3"])
def test_a_cursor_not_given_out_is_refused(text):
    from tactful.errors import UsageError

    with pytest.raises(UsageError):
        Cursor.decode(text)


def test_a_cursor_survives_its_text_form():
    cursor = Cursor(datetime(2026, 3, 1, 12, 30, 5, 123456, tzinfo=UTC), 42)
    assert Cursor.decode(cursor.encode()) == cursor
