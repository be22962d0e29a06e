"""Breakdowns by author attributes go through small-cell suppression and leave sensitive posts out."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
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


# --- every path equals a straightforward computation over the posts ---------------------------------

GROUPS = ("brand", "competitor:aero", "product")


def _mixed_posts():
    """Posts over four days in one or two groups, some authors in several cells, some sensitive."""
    posts = []
    for pid in range(1, 241):
        groups = (GROUPS[pid % 3],) + ((GROUPS[(pid + 1) % 3],) if pid % 5 == 0 else ())
        posts.append(
            build_post(
                pid,
                hours=(pid * 7) % 96,
                groups=groups,
                platform=("bluesky", "mastodon", "twitter")[pid % 3 == 0],
                lang=("en", "de", None)[pid % 7 % 3],
                author=f"author{pid % 23}",
                sentiment="neutral",
                sensitive=("health",) if pid % 17 == 0 else (),
            )
        )
    return posts


def _reference(posts, filters: Filters, by: tuple[str, ...]):
    from tactful.privacy.suppression import suppress

    counts, authors, margins = {}, {}, {}
    for p in posts:
        groups = {m.group for m in p.matches}
        if p.analysis and p.analysis.sensitive:
            continue
        if filters.groups and not groups & set(filters.groups):
            continue
        if filters.platforms and p.platform not in filters.platforms:
            continue
        if filters.since and p.created_at < filters.since or filters.until and p.created_at >= filters.until:
            continue
        values = {"lang": p.lang or "und", "platform": p.platform}
        key = tuple(values[d] for d in by)
        counts[key] = counts.get(key, 0) + 1
        authors.setdefault(key, set()).add(p.author_pseudonym)
        for i, value in enumerate(key):
            margins.setdefault((i, value), set()).add(p.author_pseudonym)
    return suppress(counts, {k: len(a) for k, a in authors.items()}, k=3,
                    total_authors={k: len(a) for k, a in margins.items()})


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(T0 + timedelta(days=1), T0 + timedelta(days=3)),
        Filters(groups=("brand",)),
        Filters(T0 + timedelta(days=1), T0 + timedelta(days=3), groups=("competitor:aero",)),
        Filters(T0, T0 + timedelta(days=2), groups=("product",), platforms=("bluesky",)),
        Filters(groups=("brand", "product")),
        Filters(T0 + timedelta(hours=5), T0 + timedelta(days=2, hours=3), groups=("brand",)),
    ],
    ids=["all: rollup", "days: rollup", "group: group rollup", "group+days: group rollup",
         "group+platform: group rollup", "two groups: posts", "part of a day, group: posts"],
)
@pytest.mark.parametrize("by", [("lang",), ("lang", "platform")])
def test_every_path_equals_a_reference_computation(store, filters, by):
    posts = _mixed_posts()
    write(store, posts)
    with store.engine.connect() as conn:
        found = breakdown(conn, filters, by, k=3)
    expected = _reference(posts, filters, by)
    assert found.cells == expected.cells and found.totals == expected.totals
    assert found.cells  # the filters leave something to compare


def test_the_group_rollup_follows_erasures_and_reanalyses(store):
    from tactful.store.schema import analyses, post_matches, posts

    all_posts = _mixed_posts()
    write(store, all_posts)
    with store.engine.begin() as conn:
        conn.execute(sa.delete(posts).where(posts.c.id.in_([5, 6, 7])))
        brand_match = sa.and_(post_matches.c.post_id == 10, post_matches.c.query_group == "brand")
        conn.execute(sa.delete(post_matches).where(brand_match))
        flagged = {"sensitive": ["health"]}
        conn.execute(sa.update(analyses).where(analyses.c.post_id == 12).values(analysis=flagged))
        conn.execute(sa.delete(analyses).where(analyses.c.post_id == 17))
    kept = [p for p in all_posts if int(p.platform_id) not in (5, 6, 7)]
    by_id = {int(p.platform_id): p for p in kept}
    by_id[10].matches = [m for m in by_id[10].matches if m.group != "brand"]
    by_id[12].analysis.sensitive = ["health"]
    by_id[17].analysis = None
    for group in GROUPS:
        with store.engine.connect() as conn:
            found = breakdown(conn, Filters(groups=(group,)), ("lang",), k=3)
        expected = _reference(kept, Filters(groups=(group,)), ("lang",))
        assert found.cells == expected.cells and found.totals == expected.totals, group
