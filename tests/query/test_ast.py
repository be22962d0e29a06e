"""Writing trees back out: round trips and the outline ``tactful query check`` prints."""

from __future__ import annotations

import pytest

from tactful.query.ast import is_positional, to_text, tree_lines
from tactful.query.parser import parse_query

ROUND_TRIPS = [
    ("apple", "apple"),
    ("Apple pie OR tart", "((apple AND pie) OR tart)"),
    ('"apple pie" NEAR/3f deliver*', '("apple pie" NEAR/3f deliver*)'),
    ("NOT #pie @acme lang:EN", "(NOT #pie AND @acme AND lang:en)"),
    ("e-mail", '"e mail"'),
]


@pytest.mark.parametrize(("query", "text"), ROUND_TRIPS)
def test_to_text_is_canonical_and_parses_back(query: str, text: str) -> None:
    tree = parse_query(query)
    assert to_text(tree) == text
    assert parse_query(text) == tree


def test_tree_lines_outline_the_query() -> None:
    assert tree_lines(parse_query('(apple OR #pie*) NEAR/2f "big tart" NOT author:bob')) == [
        "AND",
        "  NEAR/2f (within 2 words, left before right)",
        "    OR",
        "      word apple",
        "      hashtag #pie* (wildcard)",
        '    phrase "big tart"',
        "  NOT",
        "    field author:bob",
    ]


@pytest.mark.parametrize(
    ("query", "positional"),
    [("a", True), ('"a b"', True), ("a NEAR/1 b", True), ("a OR b", True), ("a OR NOT b", False),
     ("a b", False), ("NOT a", False), ("lang:en", False)],
)
def test_is_positional(query: str, positional: bool) -> None:
    assert is_positional(parse_query(query)) is positional
