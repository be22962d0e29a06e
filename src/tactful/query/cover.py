"""What a database index can rule out for a query: a tree of substrings every match contains.

``search_cover(tree)`` gives literals joined by AND and OR such that every post the
query matches has the expression true over its prepared text (plus hashtags and
mentions, as ``Matcher`` scans them): a superset, never a miss. The literals are the
prefilter's (``prefilter.term_literal``): a term's longest fixed part, which occurs
in any text the term matches. Unlike the prefilter's single cover, an AND keeps
every part it can (all must hold), which is what makes an index selective.

Literals shorter than ``MIN_CHARS`` are dropped (a trigram index cannot look them
up); NOT and field filters say nothing about the text. A node left without a cover
is None: under AND the other parts still narrow the search; under OR the whole OR
is uncovered, and a query without any cover is evaluated on every post.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tactful.query.ast import And, Near, Node, Or, Phrase, Term
from tactful.query.prefilter import term_literal

MIN_CHARS = 3  # trigram indexes (SQLite FTS5 trigram, pg_trgm) need three characters


@dataclass(frozen=True, slots=True)
class AllOf:
    parts: tuple[Cover, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    parts: tuple[Cover, ...]


Cover = str | AllOf | AnyOf


def search_cover(node: Node) -> Cover | None:
    """An AND/OR tree of substrings that every match of ``node`` contains; None if there is none."""
    if isinstance(node, Term):
        text = term_literal(node).text
        return text if len(text) >= MIN_CHARS else None
    if isinstance(node, Phrase):
        return _all_of(search_cover(term) for term in node.terms)
    if isinstance(node, Near):
        return _all_of((search_cover(node.left), search_cover(node.right)))
    if isinstance(node, And):
        return _all_of(search_cover(child) for child in node.children)
    if isinstance(node, Or):
        covers = [search_cover(child) for child in node.children]
        if any(cover is None for cover in covers):
            return None
        return _flatten(AnyOf(tuple(cover for cover in covers if cover is not None)))
    return None  # NOT and field filters


def literals(cover: Cover) -> list[str]:
    """Every substring in ``cover``, in order."""
    if isinstance(cover, str):
        return [cover]
    return [text for part in cover.parts for text in literals(part)]


def _all_of(covers: Iterable[Cover | None]) -> Cover | None:
    known = tuple(dict.fromkeys(c for c in covers if c is not None))
    if not known:
        return None
    return _flatten(AllOf(known))


def _flatten(cover: AllOf | AnyOf) -> Cover:
    """One part needs no AND/OR; nested ANDs in an AND (ORs in an OR) are one level."""
    kind = type(cover)
    parts: list[Cover] = []
    for part in cover.parts:
        parts.extend(part.parts if isinstance(part, kind) else (part,))
    unique = tuple(dict.fromkeys(parts))
    return unique[0] if len(unique) == 1 else kind(unique)
