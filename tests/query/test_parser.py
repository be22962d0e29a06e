"""The parser: trees for valid queries, and every error message with its column."""

from __future__ import annotations

import pytest

from tactful.errors import QuerySyntaxError
from tactful.query.ast import And, FieldFilter, Near, Not, Or, Phrase, Term
from tactful.query.parser import MAX_DEPTH, parse_query


def w(value: str) -> Term:
    return Term("word", value)


TREES = [
    ("apple", w("apple")),
    ("Apple", w("apple")),
    ("  apple  ", w("apple")),
    ("#Apple", Term("tag", "apple")),
    ("@Acme.bsky.social", Term("handle", "acme.bsky.social")),
    ("deliver*", w("deliver*")),
    ("colo?r", w("colo?r")),
    ("🔥", w("🔥")),
    ("apple AND pie", And((w("apple"), w("pie")))),
    ("apple pie", And((w("apple"), w("pie")))),
    ("apple OR pie", Or((w("apple"), w("pie")))),
    ("a OR b OR c", Or((w("a"), w("b"), w("c")))),
    ("a b c", And((w("a"), w("b"), w("c")))),
    ("NOT apple", Not(w("apple"))),
    ("NOT NOT apple", Not(Not(w("apple")))),
    ("apple NOT pie", And((w("apple"), Not(w("pie"))))),
    ("apple and pie", And((w("apple"), w("and"), w("pie")))),  # lowercase keywords are words
    ("apple or pie", And((w("apple"), w("or"), w("pie")))),
    ('"apple pie"', Phrase((w("apple"), w("pie")))),
    ('"apple"', w("apple")),
    ('"Apple\'s pie*"', Phrase((w("apple"), w("pie*")))),
    ("e-mail", Phrase((w("e"), w("mail")))),
    ("AT&T", Phrase((w("at"), w("t")))),
    ("apple,", w("apple")),
    ("苹果", Phrase((w("苹"), w("果")))),
    ("apple NEAR/3 pie", Near(w("apple"), w("pie"), 3, False)),
    ("apple NEAR/0f pie", Near(w("apple"), w("pie"), 0, True)),
    ("a NEAR/1 b NEAR/2 c", Near(Near(w("a"), w("b"), 1, False), w("c"), 2, False)),
    ("(a OR b) NEAR/2 c", Near(Or((w("a"), w("b"))), w("c"), 2, False)),
    ("lang:en", FieldFilter("lang", "en")),
    ("Lang:EN", FieldFilter("lang", "en")),
    ("platform:bluesky", FieldFilter("platform", "bluesky")),
    ("author:@Alice.bsky.social", FieldFilter("author", "alice.bsky.social")),
    ('"re:invent"', Phrase((w("re"), w("invent")))),
    ("10:30", Phrase((w("10"), w("30")))),
    # precedence: NOT > NEAR > AND > OR
    ("a OR b AND c", Or((w("a"), And((w("b"), w("c")))))),
    ("a AND b OR c", Or((And((w("a"), w("b"))), w("c")))),
    ("a OR b c", Or((w("a"), And((w("b"), w("c")))))),
    ("NOT a OR b", Or((Not(w("a")), w("b")))),
    ("NOT a AND b", And((Not(w("a")), w("b")))),
    ("a AND b NEAR/2 c", And((w("a"), Near(w("b"), w("c"), 2, False)))),
    ("a NEAR/2 b OR c", Or((Near(w("a"), w("b"), 2, False), w("c")))),
    ("(a OR b) c", And((Or((w("a"), w("b"))), w("c")))),
    ("((a))", w("a")),
    ("NOT(a)", Not(w("a"))),
]


@pytest.mark.parametrize(("query", "tree"), TREES, ids=[q for q, _ in TREES])
def test_parses_to_tree(query: str, tree) -> None:
    assert parse_query(query) == tree


def test_columns_point_at_the_source() -> None:
    tree = parse_query('apple OR "big pie" NEAR/2 tart')
    assert isinstance(tree, Or)
    near = tree.children[1]
    columns = (tree.children[0].column, near.column, near.left.column, near.left.terms[1].column,
               near.right.column)
    assert columns == (1, 20, 10, 15, 27)


ERRORS = [
    ("", 1, "expected a term or '(' at the start of the query, found end of query"),
    ("   ", 4, "expected a term or '(' at the start of the query, found end of query"),
    ("apple AND", 10, "expected a term or '(' after AND, found end of query"),
    ("apple OR", 9, "expected a term or '(' after OR, found end of query"),
    ("NOT", 4, "expected a term or '(' after NOT, found end of query"),
    ("apple NOT", 10, "expected a term or '(' after NOT, found end of query"),
    ("apple AND AND pie", 11, "expected a term or '(' after AND, found AND"),
    ("apple OR OR pie", 10, "expected a term or '(' after OR, found OR"),
    ("apple OR ) pie", 10, "expected a term or '(' after OR, found ')'"),
    ("AND apple", 1, "expected a term or '(' at the start of the query, found AND"),
    ("OR apple", 1, "expected a term or '(' at the start of the query, found OR"),
    (")", 1, "expected a term or '(' at the start of the query, found ')'"),
    ("apple)", 6, "expected end of query, found ')' without a matching '('"),
    ("(apple", 7, "expected ')' to close the '(' at column 1, found end of query"),
    ("x (apple OR (pie)", 18, "expected ')' to close the '(' at column 3, found end of query"),
    ("()", 2, "expected a term or '(' after '(', found ')'"),
    ("apple (", 8, "expected a term or '(' after '(', found end of query"),
    ('"apple', 7, "expected a closing '\"' for the phrase opened at column 1, found end of query"),
    ('apple ""', 7, "expected a word between the quotes, found an empty phrase"),
    ('"!!"', 1, "expected a word between the quotes, found only punctuation"),
    ("apple !!", 7, "expected a word, #hashtag or @handle, found only punctuation"),
    ("#", 2, "expected a hashtag after '#', found end of query"),
    ("@ acme", 2, "expected a handle after '@', found a space"),
    ("NEAR/3 apple", 1, "expected a term or '(' at the start of the query, found NEAR/3"),
    ("apple NEAR/3", 13, "expected a term or '(' after NEAR/3, found end of query"),
    ("apple NEAR/x pie", 7, "expected NEAR/<number> or NEAR/<number>f (e.g. NEAR/3), found 'NEAR/x'"),
    ("apple NEAR pie", 7, "expected NEAR/<number> or NEAR/<number>f (e.g. NEAR/3), found 'NEAR'"),
    ("apple NEAR/3ff pie", 7, "expected NEAR/<number> or NEAR/<number>f (e.g. NEAR/3), found 'NEAR/3ff'"),
    ("apple NEAR/2 NOT pie", 14, "expected a word, phrase or OR-group of them after NEAR/2, found a NOT"),
    ("NOT apple NEAR/2 pie", 1, "expected a word, phrase or OR-group of them before NEAR/2, found a NOT"),
    ("(a AND b) NEAR/2f c", 1,
     "expected a word, phrase or OR-group of them before NEAR/2f, found an AND group"),
    ("apple NEAR/2 lang:en", 14,
     "expected a word, phrase or OR-group of them after NEAR/2, found a field filter"),
    ("apple NEAR/2 (pie OR NOT tart)", 14, "expected a word, phrase or OR-group of them after NEAR/2, "
     "found an OR group with a NOT, AND or field filter inside"),
    ("a*", 1, "expected at least 2 letters or digits besides wildcards, found 'a*'"),
    ("apple ?", 7, "expected at least 2 letters or digits besides wildcards, found '?'"),
    ("ap*ple", 3, "expected '*' only at the end of a word (e.g. deliver*), found '*' inside it"),
    ('"big ap*ple"', 8, "expected '*' only at the end of a word (e.g. deliver*), found '*' inside it"),
    ("foo:bar", 1, "expected a field name (author:, lang: or platform:), found 'foo:' "
     "(put the term in quotes to search for it as text)"),
    ("lang:", 6, "expected a value after 'lang:' (one value, e.g. lang:en), found end of query"),
    ("lang: en", 6, "expected a value after 'lang:' (one value, e.g. lang:en), found a space"),
    ("lang:(en OR fr)", 6, "expected a value after 'lang:' (one value, e.g. lang:en), found '('"),
    ("author:ali*e", 11,
     "expected a value after 'author:' (one value, e.g. author:acme.bsky.social), found '*'"),
    ("platform:", 10,
     "expected a value after 'platform:' (one value, e.g. platform:bluesky), found end of query"),
    ("NOT " * (MAX_DEPTH + 1) + "a", 4 * MAX_DEPTH + 1,
     f"expected at most {MAX_DEPTH} nested parentheses or NOTs, found level {MAX_DEPTH + 1}"),
    ("(" * (MAX_DEPTH + 1) + "a" + ")" * (MAX_DEPTH + 1), MAX_DEPTH + 1,
     f"expected at most {MAX_DEPTH} nested parentheses or NOTs, found level {MAX_DEPTH + 1}"),
]


@pytest.mark.parametrize(("query", "column", "message"), ERRORS, ids=[e[2][:60] + f"@{e[1]}" for e in ERRORS])
def test_errors_name_the_column_and_what_was_expected(query: str, column: int, message: str) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query(query)
    error = caught.value
    assert str(error) == f"column {column}: {message}"
    assert error.column == column
    assert error.code == "E102" and error.exit_code == 2
    assert error.query == query
    assert error.detail == {"column": column, "expected": error.expected}
    assert message.startswith("expected " + error.expected)


def test_the_deepest_allowed_nesting_parses() -> None:
    assert parse_query("(" * MAX_DEPTH + "a" + ")" * MAX_DEPTH) == w("a")


@pytest.mark.parametrize("query", ["apple @", "@acme NEAR/x pie", "apple AND", "(apple", "foo:bar"])
def test_errors_do_not_echo_words_of_the_query(query: str) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query(query)
    assert "apple" not in str(caught.value) and "acme" not in str(caught.value)
