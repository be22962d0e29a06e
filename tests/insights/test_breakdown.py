"""Breakdowns by author attributes go through small-cell suppression and leave sensitive posts out."""

from __future__ import annotations

from datetime import timedelta

import pytest
from tests.insights.conftest import T0, build_post, write

from tactful.errors import UsageError
from tactful.insights.breakdown import breakdown, to_rows
from tactful.insights.filters import Filters

# (lang, platform, distinct authors, posts each): one small cell, de x mastodon
CELLS = [
    (
        lang,
        platform,
        3 if (lang, platform) == ("de", "mastodon") else 11 if (lang, platform) == ("fr", "mastodon") else 12,
        2 if lang == "en" else 1,
    )
    for lang in ("en", "fr", "de")
    for platform in ("bluesky", "mastodon", "twitter")
]


def _posts():
    posts = []
    pid = 0
    for lang, platform, authors, each in CELLS:
        for a in range(authors):
            for _ in range(each):
                pid += 1
                posts.append(
                    build_post(
                        pid,
                        hours=pid % 24,
                        lang=lang,
                        platform=platform,
                        author=f"{lang}-{platform}-{a}",
                        sentiment="neutral",
                    )
                )
    return posts


@pytest.fixture
def conn(store):
    write(store, _posts())
    with store.engine.connect() as connection:
        yield connection


def test_cells_under_k_authors_are_hidden_with_their_complement(conn):
    cells = breakdown(conn, Filters(), ("lang", "platform"), k=10).cells
    hidden = {key: cell.reason for key, cell in cells.items() if cell.suppressed}
    # de x mastodon is small; hiding it alone would let a reader subtract it from the row and column
    # totals, so the smallest other cell of its row and column go too, and again for the row that touched.
    assert hidden == {
        ("de", "mastodon"): "small_cell",
        ("de", "bluesky"): "complementary",
        ("fr", "mastodon"): "complementary",
        ("fr", "bluesky"): "complementary",
    }
    assert (cells[("en", "bluesky")].count, cells[("en", "bluesky")].authors) == (24, 12)
    assert (cells[("de", "twitter")].count, cells[("de", "twitter")].authors) == (12, 12)


def test_with_a_small_k_nothing_is_hidden(conn):
    rows = to_rows(breakdown(conn, Filters(), ("lang", "platform"), k=3), ("lang", "platform"))
    assert not any(r["suppressed"] for r in rows)
    assert {(r["lang"], r["platform"]): r["posts"] for r in rows} == {
        (lang, platform): authors * each for lang, platform, authors, each in CELLS
    }


def test_posts_revealing_a_sensitive_category_are_left_out(store):
    write(
        store,
        [
            build_post(i, author=f"a{i}", sentiment="negative", sensitive=("health",) if i <= 4 else ())
            for i in range(1, 11)
        ],
    )
    with store.engine.connect() as conn:
        result = breakdown(conn, Filters(), ("lang",), k=1)
    assert result.cells[("en",)].count == 6 and result.cells[("en",)].authors == 6


def test_unknown_dimensions_are_refused(conn):
    with pytest.raises(UsageError, match="cannot break down by author_pseudonym"):
        breakdown(conn, Filters(), ("author_pseudonym",))


@pytest.mark.parametrize(
    "filters",
    [Filters(groups=("brand",)), Filters(T0 - timedelta(minutes=30), T0 + timedelta(days=2))],
    ids=["a group: from posts", "part of a day: from posts"],
)
def test_the_raw_path_agrees_with_the_rollup(conn, filters):
    from_rollup = breakdown(conn, Filters(), ("lang", "platform"), k=3)
    raw = breakdown(conn, filters, ("lang", "platform"), k=3)
    assert raw.cells == from_rollup.cells and raw.totals == from_rollup.totals


@pytest.mark.parametrize("filters", [Filters(), Filters(groups=("brand",))], ids=["rollup", "raw"])
def test_sensitive_posts_are_left_out_on_both_paths(store, filters):
    write(
        store,
        [
            build_post(i, author=f"a{i}", sentiment="negative", sensitive=("health",) if i <= 4 else ())
            for i in range(1, 11)
        ],
    )
    with store.engine.connect() as conn:
        assert breakdown(conn, filters, ("lang",), k=1).cells[("en",)].count == 6
