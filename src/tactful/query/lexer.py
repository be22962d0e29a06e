"""Cutting a query into lexemes: parentheses, phrases, operators and chunks of text.

A chunk is a run of characters up to whitespace, a parenthesis or a quote;
``AND``, ``OR``, ``NOT`` and ``NEAR/n`` are operators only when written in
capitals (lowercase ``and`` is an ordinary word).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from tactful.errors import QuerySyntaxError


class Kind(Enum):
    LPAREN = "'('"
    RPAREN = "')'"
    PHRASE = "a phrase"
    AND = "AND"
    OR = "OR"
    NOT = "NOT"
    NEAR = "NEAR"
    CHUNK = "a term"
    END = "end of query"


@dataclass(frozen=True, slots=True)
class Lexeme:
    kind: Kind
    text: str  # as written (a phrase: the text between the quotes)
    column: int  # 1-based
    distance: int = 0  # NEAR only
    ordered: bool = False  # NEAR only

    def describe(self) -> str:
        """How an error message names this lexeme (never echoing the user's words)."""
        return self.text if self.kind is Kind.NEAR else self.kind.value


_CHUNK = re.compile(r'[^\s()"]+')
_NEAR = re.compile(r"NEAR/(\d{1,4})(f?)")
_KEYWORDS = {"AND": Kind.AND, "OR": Kind.OR, "NOT": Kind.NOT}
_SINGLE = {"(": Kind.LPAREN, ")": Kind.RPAREN}


def lex(query: str) -> list[Lexeme]:
    """All lexemes of ``query``, ending with one ``END``."""
    lexemes: list[Lexeme] = []
    i = 0
    while i < len(query):
        char = query[i]
        if char.isspace():
            i += 1
        elif char in _SINGLE:
            lexemes.append(Lexeme(_SINGLE[char], char, i + 1))
            i += 1
        elif char == '"':
            lexeme, i = _phrase(query, i)
            lexemes.append(lexeme)
        else:
            match = _CHUNK.match(query, i)
            assert match is not None  # any other character starts a chunk
            lexemes.append(_word_or_operator(query, match.group(), i + 1))
            i = match.end()
    lexemes.append(Lexeme(Kind.END, "", len(query) + 1))
    return lexemes


def _phrase(query: str, start: int) -> tuple[Lexeme, int]:
    end = query.find('"', start + 1)
    if end == -1:
        expected = f"a closing '\"' for the phrase opened at column {start + 1}"
        raise syntax_error(query, len(query) + 1, expected, "end of query")
    return Lexeme(Kind.PHRASE, query[start + 1 : end], start + 1), end + 1


def _word_or_operator(query: str, chunk: str, column: int) -> Lexeme:
    if chunk in _KEYWORDS:
        return Lexeme(_KEYWORDS[chunk], chunk, column)
    if chunk != "NEAR" and not chunk.startswith("NEAR/"):
        return Lexeme(Kind.CHUNK, chunk, column)
    near = _NEAR.fullmatch(chunk)
    if near is None:
        shown = chunk if len(chunk) <= 12 else chunk[:12] + "..."
        raise syntax_error(query, column, "NEAR/<number> or NEAR/<number>f (e.g. NEAR/3)", f"'{shown}'")
    return Lexeme(Kind.NEAR, chunk, column, distance=int(near.group(1)), ordered=near.group(2) == "f")


def syntax_error(query: str, column: int, expected: str, found: str, hint: str = "") -> QuerySyntaxError:
    """The one shape of every query error: ``column N: expected X, found Y``."""
    message = f"column {column}: expected {expected}, found {found}{hint}"
    return QuerySyntaxError(message, query=query, column=column, expected=expected)
