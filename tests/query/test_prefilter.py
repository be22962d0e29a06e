"""Literal covers and the Aho-Corasick candidate search."""

from __future__ import annotations

import pytest

from tactful.query.parser import parse_query
from tactful.query.prefilter import Literal, Prefilter, literal_cover
from tactful.query.text import prepare_text


def L(text: str, start: bool = True, end: bool = True) -> Literal:  # noqa: N802
    return Literal(text, start, end)


COVERS = [
    ("apple", {L("apple")}),
    ("#apple", {L("apple")}),
    ("@acme.bsky.social", {L("acme.bsky.social")}),
    ("deliver*", {L("deliver", end=False)}),
    ("colo?r", {L("colo", end=False)}),
    ("?pple", {L("pple", start=False)}),
    ("🔥", {L("🔥", start=False, end=False)}),
    ('"the north face"', {L("north")}),
    ("apple AND pineapple", {L("pineapple")}),
    ("apple OR pear", {L("apple"), L("pear")}),
    ("apple NEAR/2 strudel", {L("strudel")}),
    ("apple NOT pie", {L("apple")}),
    ("apple lang:en", {L("apple")}),
    ("(apple OR pear) AND pie", {L("apple"), L("pear")}),
    ("(apple OR pear) AND tart", {L("tart")}),  # as long, and one literal fires less than two
    ("NOT apple", None),
    ("lang:en", None),
    ("apple OR NOT pie", None),
    ("apple OR lang:en", None),
]


@pytest.mark.parametrize(("query", "cover"), COVERS, ids=[q for q, _ in COVERS])
def test_literal_cover(query: str, cover: set | None) -> None:
    expected = None if cover is None else frozenset(cover)
    assert literal_cover(parse_query(query)) == expected


CANDIDATES = [
    ("I love apple pie", {0, 2}),
    ("pineapple", set()),  # the boundary check rules 'apple' out
    ("Apple's", {0}),
    ("#apple", {0}),
    ("deliveries", {1}),
    ("undelivered", set()),
    ("colour", {3}),
    ("🔥🔥", {4}),
    ("", set()),
]


@pytest.mark.parametrize(("text", "expected"), CANDIDATES)
def test_candidates_respect_word_boundaries(text: str, expected: set[int]) -> None:
    covers = {0: frozenset({L("apple")}), 1: frozenset({L("deliver", end=False)}),
              2: frozenset({L("pie")}), 3: frozenset({L("colo", end=False)}),
              4: frozenset({L("🔥", start=False, end=False)})}
    assert Prefilter(covers).candidates(prepare_text(text)) == expected


def test_an_empty_prefilter_has_no_candidates() -> None:
    assert Prefilter({}).candidates("anything at all") == set()
