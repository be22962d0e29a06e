"""Aggregates against hand-computed figures on a small store (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from tests.insights.conftest import T0, at, build_post, write

from tactful.insights import aggregates
from tactful.insights.filters import Filters

WEEK = Filters(T0, T0 + timedelta(days=7))


def fixture_posts():
    p = build_post
    return [
        p(1, hours=1, sentiment="positive", intent="praise", aspects=(("staff", "positive"),)),
        p(
            2,
            hours=1,
            sentiment="negative",
            intent="complaint",
            aspects=(("baggage", "negative"), ("staff", "negative")),
        ),
        p(
            3,
            hours=2,
            platform="mastodon",
            sentiment="negative",
            intent="complaint",
            aspects=(("baggage", "negative"),),
        ),
        p(4, hours=2, groups=("brand", "competitor:aero"), sentiment="neutral", intent="question"),
        p(5, hours=3, groups=("competitor:aero",), sentiment="positive", intent="praise"),
        p(
            6,
            hours=3,
            groups=("competitor:aero",),
            platform="mastodon",
            sentiment="negative",
            intent="complaint",
        ),
        p(7, hours=5),  # not analysed yet
        p(
            8, hours=5, groups=("brand", "brand"), sentiment="positive", intent="praise"
        ),  # two brand queries: once
        p(9, hours=26, sentiment="negative", intent="complaint", aspects=(("baggage", "negative"),)),
        p(
            10,
            hours=27,
            groups=("competitor:flyfast",),
            platform="twitter",
            sentiment="negative",
            intent="complaint",
        ),
        p(11, hours=-150, sentiment="negative", intent="complaint", aspects=(("baggage", "negative"),)),
        p(12, hours=-149, sentiment="negative", intent="complaint", aspects=(("delay", "negative"),)),
        p(13, hours=4, groups=("product",), sentiment="positive", intent="praise"),
    ]


@pytest.fixture
def filled(store):
    write(store, fixture_posts())
    with store.engine.connect() as conn:
        yield conn


def _series(conn, filters, interval):
    return {(p.start, p.group): p for p in aggregates.timeseries(conn, filters, interval)}


def test_daily_series_counts_sentiment_intent_and_net(filled):
    series = _series(filled, WEEK, "day")
    day0 = series[(T0, "brand")]
    assert day0.posts == 6
    assert day0.sentiment == {"positive": 2, "negative": 2, "neutral": 1, "unanalysed": 1}
    assert day0.intent == {"praise": 2, "complaint": 2, "question": 1, "unanalysed": 1}
    assert day0.net_sentiment == 0.0 and day0.sentiment_share("negative") == pytest.approx(2 / 6)
    assert series[(at(24), "brand")].posts == 1 and series[(at(24), "brand")].net_sentiment == -1.0
    assert series[(T0, "competitor:aero")].sentiment == {"positive": 1, "negative": 1, "neutral": 1}
    assert (at(-144), "brand") not in series  # before the range


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(T0, at(48), ("brand",), ("bluesky",)), {at(1): 2, at(2): 1, at(5): 2, at(26): 1}),
        (Filters(at(2), at(3), ("brand",)), {at(2): 2}),
        (Filters(T0, at(48), ("brand",), ("mastodon",)), {at(2): 1}),
    ],
)
def test_hourly_series_respects_group_platform_and_range(filled, filters, expected):
    assert {p.start: p.posts for p in aggregates.timeseries(filled, filters, "hour")} == expected


def test_weekly_series_starts_on_mondays(filled):
    weekly = {
        (p.start, p.group): p.posts for p in aggregates.timeseries(filled, Filters(groups=("brand",)), "week")
    }
    assert weekly == {(T0, "brand"): 7, (T0 - timedelta(days=7), "brand"): 2}


def test_a_range_not_on_midnights_gives_the_same_days_as_the_hourly_rollup(filled):
    odd = Filters(at(1.5), at(30), ("brand",))
    assert {p.start: p.posts for p in aggregates.timeseries(filled, odd, "day")} == {T0: 4, at(24): 1}


def test_share_of_voice_brand_against_competitors(filled):
    voices = {v.group: v for v in aggregates.share_of_voice(filled, WEEK)}
    assert set(voices) == {"brand", "competitor:aero", "competitor:flyfast"}  # "product" is not a rival
    assert voices["brand"].posts == 7 and voices["brand"].share == pytest.approx(7 / 11)
    assert voices["brand"].sentiment_share["positive"] == pytest.approx(2 / 3)
    assert voices["brand"].sentiment_share["negative"] == pytest.approx(3 / 5)
    assert voices["competitor:flyfast"].share == pytest.approx(1 / 11)
    assert voices["competitor:aero"].net_sentiment == 0.0


def test_share_of_voice_on_one_platform(filled):
    voices = {
        v.group: v.posts for v in aggregates.share_of_voice(filled, Filters(T0, at(168), (), ("mastodon",)))
    }
    assert voices == {"brand": 1, "competitor:aero": 1}


def test_drivers_rank_aspects_by_negative_mentions_with_trend_and_examples(filled):
    found = aggregates.drivers(filled, WEEK)
    assert [d.aspect for d in found] == ["baggage", "staff"]
    baggage, staff = found
    assert baggage.current == {"negative": 3} and baggage.previous == {"negative": 1} and baggage.change == 2
    assert staff.current == {"positive": 1, "negative": 1} and staff.negative_share == 0.5
    assert [e.platform_id for e in baggage.examples] == ["9", "3", "2"]  # negative ones, newest first
    assert baggage.examples[0].text == "post 9"


def test_driver_examples_skip_posts_whose_text_retention_blanked(store):
    write(
        store,
        [
            build_post(1, hours=1, sentiment="negative", aspects=(("seat", "negative"),), text=""),
            build_post(2, hours=2, sentiment="negative", aspects=(("seat", "negative"),)),
        ],
    )
    with store.engine.connect() as conn:
        (seat,) = aggregates.drivers(conn, WEEK)
    assert seat.negative == 2 and [e.platform_id for e in seat.examples] == ["2"]
