"""Search covers: substrings every match contains, so a database index can narrow a search safely."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from tests.query.test_properties import _posts, _query

from tactful.query.compiler import compile_sources
from tactful.query.cover import AllOf, AnyOf, Cover, literals, search_cover
from tactful.query.parser import parse_query
from tactful.records import Post
from tactful.store.search_index import searchable_text


@pytest.mark.parametrize(
    ("query", "cover"),
    [
        ("skylark", "skylark"),
        ("skylark delay", AllOf(("skylark", "delay"))),
        ("skylark AND (delay OR cancelled)", AllOf(("skylark", AnyOf(("delay", "cancelled"))))),
        ('"lost bag"', AllOf(("lost", "bag"))),
        ("deliver*", "deliver"),
        ("colo?r", "colo"),
        ("#refund", "refund"),
        ("@acme.bsky.social", "acme.bsky.social"),
        ("skylark NEAR/3 delay", AllOf(("skylark", "delay"))),
        ("skylark AND NOT delay", "skylark"),
        ("skylark lang:en", "skylark"),
        ("skylark OR NOT delay", None),
        ("NOT skylark", None),
        ("lang:en", None),
        ("ok", None),  # too short for a trigram index
        ("ok OR skylark", None),
        ("ok skylark", "skylark"),
        ("(a1 OR b2) AND skylark", "skylark"),
        ("(delay OR late) OR cancelled", AnyOf(("delay", "late", "cancelled"))),
    ],
)
def test_covers(query: str, cover: Cover | None) -> None:
    assert search_cover(parse_query(query)) == cover


def test_literals_lists_every_substring_in_order() -> None:
    assert literals(AllOf(("skylark", AnyOf(("delay", "late"))))) == ["skylark", "delay", "late"]


def holds(cover: Cover, text: str) -> bool:
    if isinstance(cover, str):
        return cover in text
    parts = (holds(part, text) for part in cover.parts)
    return all(parts) if isinstance(cover, AllOf) else any(parts)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_query(), _posts())
def test_every_match_satisfies_the_cover(query: str, post: Post) -> None:
    cover = search_cover(parse_query(query))
    if cover is not None and compile_sources([("q", "brand", query)]).match(post):
        assert holds(cover, searchable_text(post.text, post.hashtags, post.mentions))
