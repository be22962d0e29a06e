"""Turning a chunk or a quoted phrase into term nodes, checking each term.

A chunk that splits into several tokens is a phrase (``e-mail`` is
``"e mail"``, ``AT&T`` is ``"at t"``), exactly as the same text in a post
would split. ``name:value`` is a field filter when ``name`` is a known field.
"""

from __future__ import annotations

import re

from tactful.query.ast import FIELDS, FieldFilter, Node, Phrase, Term
from tactful.query.lexer import Lexeme, syntax_error
from tactful.query.text import TokenKind, tokenize_query_text

MIN_LITERAL_CHARS = 2  # a wildcard term needs this many real characters, or it matches nearly everything
_FIELD = re.compile(r"([A-Za-z_]+):(.*)", re.DOTALL)
_FIELD_VALUE_CHAR = re.compile(r"[\w.\-@]")


def chunk_to_node(query: str, chunk: Lexeme) -> Node:
    field = _FIELD.fullmatch(chunk.text)
    if field is not None:
        return _field_filter(query, field.group(1), field.group(2), chunk.column)
    return _terms_node(query, chunk.text, chunk.column, in_phrase=False)


def phrase_to_node(query: str, phrase: Lexeme) -> Node:
    node = _terms_node(query, phrase.text, phrase.column + 1, in_phrase=True)
    return Phrase(node.terms, phrase.column) if isinstance(node, Phrase) else node


def _terms_node(query: str, raw: str, column: int, *, in_phrase: bool) -> Term | Phrase:
    tokens = tokenize_query_text(raw)
    if not tokens:
        raise _nothing_searchable(query, raw, column, in_phrase=in_phrase)
    terms = tuple(_term(query, kind, value, column + offset) for kind, value, offset in tokens)
    return terms[0] if len(terms) == 1 else Phrase(terms, column)


def _term(query: str, kind: TokenKind, value: str, column: int) -> Term:
    star = value.find("*")
    if star not in (-1, len(value) - 1):
        expected = "'*' only at the end of a word (e.g. deliver*)"
        raise syntax_error(query, column + star, expected, "'*' inside it")
    literal_chars = len(value) - value.count("*") - value.count("?")
    if literal_chars < MIN_LITERAL_CHARS and literal_chars != len(value):
        raise syntax_error(
            query, column, f"at least {MIN_LITERAL_CHARS} letters or digits besides wildcards",
            f"'{value}'",
        )
    return Term(kind, value, column)


def _nothing_searchable(query: str, raw: str, column: int, *, in_phrase: bool) -> Exception:
    if in_phrase:
        found = "an empty phrase" if not raw.strip() else "only punctuation"
        return syntax_error(query, column - 1, "a word between the quotes", found)
    if raw in ("#", "@"):
        what = "hashtag" if raw == "#" else "handle"
        return syntax_error(query, column + 1, f"a {what} after '{raw}'", _describe_char(query, column + 1))
    return syntax_error(query, column, "a word, #hashtag or @handle", "only punctuation")


def _field_filter(query: str, name: str, value: str, column: int) -> FieldFilter:
    field = name.lower()
    if field not in FIELDS:
        raise syntax_error(
            query, column, "a field name (author:, lang: or platform:)", f"'{name}:'",
            " (put the term in quotes to search for it as text)",
        )
    value_column = column + len(name) + 1
    bad = next((i for i, char in enumerate(value) if not _FIELD_VALUE_CHAR.match(char)), None)
    if not value or bad is not None:
        at = value_column + (bad or 0)
        found = _describe_char(query, at)
        expected = f"a value after '{field}:' (one value, e.g. {field}:{_EXAMPLES[field]})"
        raise syntax_error(query, at, expected, found)
    if field == "author":
        value = value.lstrip("@")
    return FieldFilter(field, value.lower(), column)


_EXAMPLES = {"author": "acme.bsky.social", "lang": "en", "platform": "bluesky"}


def _describe_char(query: str, column: int) -> str:
    if column > len(query):
        return "end of query"
    char = query[column - 1]
    return "a space" if char.isspace() else f"'{char}'"
