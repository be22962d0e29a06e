"""Properties that must hold for any query and any text (hypothesis)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tactful.errors import QuerySyntaxError
from tactful.query.ast import And, Near, Not, Or, Phrase, Term, to_text
from tactful.query.compiler import compile_sources
from tactful.query.parser import parse_query
from tactful.query.text import prepare_text, tokenize, tokenize_query_text
from tactful.records import Post

TERMS = ["apple", "pie", "tart", "deliver*", "colo?r", "#apple", "@acme", "🔥", "café", "苹果", '"apple pie"',
         "?pple", "#pi*", "e-mail"]
FIELDS = ["lang:en", "platform:bluesky", "author:bob"]
TEXT_PIECES = ["apple", "Apple's", "APPLE", "pineapple", "pie", "tart", "#apple", "#pie", "@acme", "@acme_x",
               "delivery", "deliver", "undelivered", "color", "colour", "🔥", "🔥🔥", "café", "cafe",
               "我爱苹果", "e-mail", "email", ",", "(", "...", "x", "the"]
pytestmark = pytest.mark.slow  # about 30 s: many random queries and texts
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _positional() -> st.SearchStrategy[str]:
    base = st.sampled_from(TERMS)
    return st.recursive(
        base,
        lambda inner: st.one_of(
            st.tuples(inner, inner).map(lambda ab: f"({ab[0]} OR {ab[1]})"),
            st.tuples(inner, st.integers(0, 3), st.booleans(), inner).map(
                lambda t: f"({t[0]} NEAR/{t[1]}{'f' if t[2] else ''} {t[3]})"),
        ),
        max_leaves=4,
    )


def _query() -> st.SearchStrategy[str]:
    leaf = st.one_of(_positional(), st.sampled_from(FIELDS))
    return st.recursive(
        leaf,
        lambda inner: st.one_of(
            inner.map(lambda a: f"NOT {a}"),
            st.tuples(inner, inner).map(lambda ab: f"({ab[0]} AND {ab[1]})"),
            st.tuples(inner, inner).map(lambda ab: f"({ab[0]} OR {ab[1]})"),
            st.tuples(inner, inner).map(lambda ab: f"{ab[0]} {ab[1]}"),
        ),
        max_leaves=6,
    )


@st.composite
def _posts(draw: st.DrawFn) -> Post:
    words = draw(st.lists(st.sampled_from(TEXT_PIECES), max_size=12))
    return Post(
        platform=draw(st.sampled_from(["bluesky", "mastodon"])),
        platform_id="1",
        text=" ".join(words),
        created_at=datetime(2026, 1, 1, tzinfo=UTC),
        lang=draw(st.sampled_from([None, "en", "en-GB", "de"])),
        author_handle=draw(st.sampled_from([None, "bob", "alice"])),
        hashtags=draw(st.lists(st.sampled_from(["apple", "pie"]), max_size=1)),
        mentions=draw(st.lists(st.sampled_from(["acme", "other"]), max_size=1)),
    )


def _matches(query: str, post: Post, *, prefilter: bool = True) -> bool:
    return bool(compile_sources([("q", "brand", query)], prefilter=prefilter).match(post))


def _named(queries: list[str]) -> list[tuple[str, str, str]]:
    return [(f"q{i}", "brand", q) for i, q in enumerate(queries)]


@SETTINGS
@given(st.lists(_query(), min_size=1, max_size=8), st.lists(_posts(), min_size=1, max_size=5))
def test_the_prefilter_never_changes_what_matches(queries: list[str], posts: list[Post]) -> None:
    fast = compile_sources(_named(queries), prefilter=True)
    naive = compile_sources(_named(queries), prefilter=False)
    for post in posts:
        assert fast.match(post) == naive.match(post)


@SETTINGS
@given(_query(), _query(), _posts())
def test_or_and_and_follow_their_parts(a: str, b: str, post: Post) -> None:
    in_a, in_b = _matches(a, post), _matches(b, post)
    assert _matches(f"({a}) OR ({b})", post) == (in_a or in_b)
    assert _matches(f"({a}) AND ({b})", post) == (in_a and in_b)
    assert _matches(f"({a}) ({b})", post) == (in_a and in_b)


@SETTINGS
@given(_query(), _posts())
def test_not_negates_and_double_not_cancels(a: str, post: Post) -> None:
    in_a = _matches(a, post)
    assert _matches(f"NOT ({a})", post) is (not in_a)
    assert _matches(f"NOT NOT ({a})", post) is in_a


@SETTINGS
@given(_positional(), _positional(), st.integers(0, 4), _posts())
def test_ordered_near_implies_unordered_near_implies_both(a: str, b: str, n: int, post: Post) -> None:
    ordered, unordered = _matches(f"({a}) NEAR/{n}f ({b})", post), _matches(f"({a}) NEAR/{n} ({b})", post)
    wider = _matches(f"({a}) NEAR/{n + 1} ({b})", post)
    assert not ordered or unordered
    assert not unordered or wider
    assert not unordered or (_matches(a, post) and _matches(b, post))
    assert unordered == _matches(f"({b}) NEAR/{n} ({a})", post)


@SETTINGS
@given(_query(), st.lists(_query(), max_size=6), st.lists(_posts(), min_size=1, max_size=4))
def test_adding_other_queries_never_changes_a_querys_matches(query: str, others: list[str], posts) -> None:
    alone = compile_sources([("target", "brand", query)])
    crowded = compile_sources(_named(others) + [("target", "brand", query)] + _named(others[::-1]))
    for post in posts:
        assert bool(alone.match(post)) == any(m.name == "target" for m in crowded.match(post))


@SETTINGS
@given(_query())
def test_canonical_text_parses_back_to_the_same_tree(query: str) -> None:
    tree = parse_query(query)
    assert parse_query(to_text(tree)) == tree


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab "()*?#@:/NEARORTf1 🔥')) | st.characters(), max_size=40))
def test_any_input_parses_or_raises_a_syntax_error_with_a_column_inside_it(query: str) -> None:
    try:
        parse_query(query)
    except QuerySyntaxError as exc:
        assert 1 <= exc.column <= len(query) + 1
        assert str(exc).startswith(f"column {exc.column}: expected ")


TRICKY_CHARS = st.sampled_from(list("aZé'’#@._- ,🔥👍🏽\u200d🇫我İß"))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=TRICKY_CHARS | st.characters(exclude_characters="*?"), max_size=30))
def test_query_words_split_exactly_like_post_text(text: str) -> None:
    as_query = [(kind, value) for kind, value, _ in tokenize_query_text(text)]
    assert as_query == tokenize(prepare_text(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=TRICKY_CHARS | st.characters(exclude_characters="*?\""), max_size=30))
def test_every_token_of_any_text_is_found_through_the_prefilter(text: str) -> None:
    post = Post(platform="bluesky", platform_id="1", text=text, created_at=datetime(2026, 1, 1, tzinfo=UTC))
    tokens = tokenize(prepare_text(text))
    sources = [(f"t{i}", "brand", '"' + {"word": "", "tag": "#", "handle": "@"}[kind] + value + '"')
               for i, (kind, value) in enumerate(tokens)]
    matched = {m.name for m in compile_sources(sources).match(post)}
    assert matched == {name for name, _, _ in sources}


# --- an independent reference: the documented semantics, written plainly -----------------------------

def _ref_term_hits(term: Term, tokens: list[tuple[str, str]], post: Post) -> tuple[set[int], bool]:
    """(positions, present anywhere) for one term, straight from docs/query.md."""
    body = "".join(".*" if c == "*" else ".?" if c == "?" else re.escape(c) for c in term.value)
    kinds = {"word": {"word", "tag"}, "tag": {"tag"}, "handle": {"handle"}}[term.kind]
    positions = {i for i, (kind, value) in enumerate(tokens) if kind in kinds and re.fullmatch(body, value)}
    extra = {"word": post.hashtags, "tag": post.hashtags, "handle": post.mentions}[term.kind]
    in_fields = any(re.fullmatch(body, prepare_text(v).lstrip("#@")) for v in extra)
    return positions, bool(positions) or in_fields


def _ref_spans(node, tokens, post) -> set[tuple[int, int]]:
    if isinstance(node, Term):
        return {(p, p) for p in _ref_term_hits(node, tokens, post)[0]}
    if isinstance(node, Phrase):
        hits = [_ref_term_hits(term, tokens, post)[0] for term in node.terms]
        n = len(hits)
        return {(p, p + n - 1) for p in range(len(tokens)) if all(p + i in hits[i] for i in range(n))}
    if isinstance(node, Or):
        return set().union(*(_ref_spans(child, tokens, post) for child in node.children))
    found = set()
    for a in _ref_spans(node.left, tokens, post):
        for b in _ref_spans(node.right, tokens, post):
            if a[1] < b[0]:
                gap = b[0] - a[1] - 1
            elif b[1] < a[0] and not node.ordered:
                gap = a[0] - b[1] - 1
            else:
                continue
            if gap <= node.distance:
                found.add((min(a[0], b[0]), max(a[1], b[1])))
    return found


def _reference(node, tokens, post) -> bool:
    if isinstance(node, Term):
        return _ref_term_hits(node, tokens, post)[1]
    if isinstance(node, Phrase | Near):
        return bool(_ref_spans(node, tokens, post))
    if isinstance(node, Not):
        return not _reference(node.child, tokens, post)
    if isinstance(node, And):
        return all(_reference(child, tokens, post) for child in node.children)
    if isinstance(node, Or):
        return any(_reference(child, tokens, post) for child in node.children)
    field = {"lang": post.lang, "platform": post.platform, "author": post.author_handle}[node.name]
    field = (field or "").lower().replace("_", "-").lstrip("@")
    return field == node.value or (node.name == "lang" and field.startswith(node.value + "-"))


@SETTINGS
@given(_query(), _posts())
def test_the_matcher_agrees_with_a_plain_reference_implementation(query: str, post: Post) -> None:
    tokens = tokenize(prepare_text(post.text))
    assert _matches(query, post) == _reference(parse_query(query), tokens, post)
