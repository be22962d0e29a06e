"""The Matcher: order, groups, candidates, pickling."""

from __future__ import annotations

import pickle

import pytest

from tactful.query.compiler import compile_sources
from tactful.records import QueryMatch

SOURCES = [
    ("acme", "brand", "acme OR @acme OR #acme"),
    ("rocket", "product", '"acme rocket" OR rocket*'),
    ("rival", "competitor:globex", "globex NOT job*"),
    ("not-spam", "brand", "NOT (crypto OR giveaway)"),
    ("english", "brand", "lang:en"),
]


@pytest.mark.parametrize("prefilter", [True, False])
@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("My Acme rockets arrived", "en", ["acme", "rocket", "not-spam", "english"]),
        ("globex is hiring, jobs here", "de", ["not-spam"]),
        ("globex vs @acme", "de", ["acme", "rival", "not-spam"]),
        ("crypto giveaway", "en", ["english"]),
        ("crypto giveaway", None, []),
    ],
)
def test_matches_come_in_config_order_with_their_group(make_post, prefilter, text, lang, expected) -> None:
    matcher = compile_sources(SOURCES, prefilter=prefilter)
    found = matcher.match(make_post(text, lang=lang))
    assert [m.name for m in found] == expected
    groups = {name: group for name, group, _ in SOURCES}
    assert found == [QueryMatch(name, groups[name]) for name in expected]


def test_queries_without_literals_are_always_candidates(make_post) -> None:
    matcher = compile_sources(SOURCES)
    assert matcher.always_candidates == 2
    post = make_post("nothing relevant")
    assert matcher.candidates(post, "nothing relevant") == [3, 4]


def test_a_matcher_without_queries_matches_nothing(make_post) -> None:
    assert compile_sources([]).match(make_post("acme")) == []


@pytest.mark.parametrize("prefilter", [True, False])
def test_a_matcher_survives_pickling(make_post, prefilter: bool) -> None:
    matcher = compile_sources(SOURCES, prefilter=prefilter)
    copy = pickle.loads(pickle.dumps(matcher))
    assert copy.uses_prefilter is prefilter
    post = make_post("globex vs @acme rocket", lang="en")
    assert copy.match(post) == matcher.match(post)
    assert [q.source for q in copy.queries] == [q.source for q in matcher.queries]


def test_each_match_is_a_fresh_record(make_post) -> None:
    matcher = compile_sources(SOURCES[:1])
    first, second = matcher.match(make_post("acme")), matcher.match(make_post("acme"))
    assert first == second and first[0] is not second[0]
