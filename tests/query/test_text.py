"""Tokenising text the same way for posts and queries."""

from __future__ import annotations

import pytest

from tactful.query.text import is_boundary, prepare_text, tokenize, tokenize_query_text

TOKENS = [
    ("Apple pie", [("word", "apple"), ("word", "pie")]),
    ("Apple's pie", [("word", "apple"), ("word", "pie")]),
    ("don’t stop", [("word", "don't"), ("word", "stop")]),
    ("airlines' fault", [("word", "airlines"), ("word", "fault")]),
    ("#AppleEvent now", [("tag", "appleevent"), ("word", "now")]),
    ("c#", [("word", "c")]),
    ("hi @Acme.bsky.social.", [("word", "hi"), ("handle", "acme.bsky.social")]),
    ("@alice@mastodon.social", [("handle", "alice@mastodon.social")]),
    ("bob@example.com", [("word", "bob"), ("word", "example"), ("word", "com")]),
    ("e-mail", [("word", "e"), ("word", "mail")]),
    ("great👍🏽!", [("word", "great"), ("word", "👍")]),
    ("🔥🔥", [("word", "🔥"), ("word", "🔥")]),
    ("👨‍👩‍👧 family", [("word", "👨\u200d👩\u200d👧"), ("word", "family")]),
    ("🇫🇷🇩🇪", [("word", "🇫🇷"), ("word", "🇩🇪")]),
    ("我爱iPhone", [("word", "我"), ("word", "爱"), ("word", "iphone")]),
    ("Café", [("word", "café")]),
    ("हिन्दी", [("word", "हिन्दी")]),
    ("", []),
    ("... !!! ---", []),
]


@pytest.mark.parametrize(("text", "tokens"), TOKENS, ids=[t for t, _ in TOKENS])
def test_tokenize(text: str, tokens: list) -> None:
    assert tokenize(prepare_text(text)) == tokens


@pytest.mark.parametrize(
    ("raw", "tokens"),
    [
        ("colo?r", [("word", "colo?r", 0)]),
        ("Deliver*", [("word", "deliver*", 0)]),
        ("#Tag* @Acme?", [("tag", "tag*", 1), ("handle", "acme?", 7)]),
        ("x 🔥", [("word", "x", 0), ("word", "🔥", 2)]),
    ],
)
def test_query_tokens_keep_wildcards_and_offsets(raw: str, tokens: list) -> None:
    assert tokenize_query_text(raw) == tokens


@pytest.mark.parametrize(
    ("text", "prepared"),
    [("ABC", "abc"), ("Cafe\u0301", "caf\u00e9"), ("I’m", "i'm"), ("❤️", "❤"), ("👍🏿", "👍")],
)
def test_prepare_text(text: str, prepared: str) -> None:
    assert prepare_text(text) == prepared


@pytest.mark.parametrize(
    ("text", "index", "expected"),
    [("a b", 1, True), ("ab", 1, False), ("ab", -1, True), ("ab", 2, True), ("a'b", 1, True),
     ("a_b", 1, False), ("我爱", 1, True), ("a🔥", 1, True), ("é", 0, False)],
)
def test_is_boundary(text: str, index: int, expected: bool) -> None:
    assert is_boundary(text, index) is expected
