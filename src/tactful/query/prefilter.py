"""Which queries could possibly match a post, found in one Aho-Corasick pass.

For each query we derive a *literal cover*: a set of literal strings such that
whenever the query matches, at least one of them occurs in the prepared text
(an AND needs only one of its parts' covers, so we keep the most selective; an
OR needs all of its parts'). Queries without a cover (``NOT x``, field filters
alone, ``x OR NOT y``) are candidates for every post.

The automaton finds substrings, so a hit is checked against word boundaries
where the literal demands one (``apple`` is not a candidate in ``pineapple``).
Every token value starts and ends at a boundary (``text.py``), which keeps the
check from ever discarding a true match: the prefilter only saves work.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import ahocorasick

from tactful.query.ast import And, Near, Node, Or, Phrase, Term
from tactful.query.text import is_boundary_char, is_word_char

Cover = frozenset["Literal"]


@dataclass(frozen=True, slots=True)
class Literal:
    text: str
    at_start: bool  # must begin at a word boundary
    at_end: bool  # must end at a word boundary


def literal_cover(node: Node) -> Cover | None:
    """Literals of which at least one occurs in any post ``node`` matches; None if there is no such set."""
    if isinstance(node, Term):
        return frozenset({term_literal(node)})
    if isinstance(node, Phrase):
        return _most_selective(frozenset({term_literal(term)}) for term in node.terms)
    if isinstance(node, Near):
        return _most_selective(literal_cover(side) for side in (node.left, node.right))
    if isinstance(node, And):
        return _most_selective(literal_cover(child) for child in node.children)
    if isinstance(node, Or):
        covers = [literal_cover(child) for child in node.children]
        return None if any(c is None for c in covers) else frozenset().union(*covers)  # type: ignore[arg-type]
    return None  # NOT and field filters say nothing about which words are present


def term_literal(term: Term) -> Literal:
    """The longest fixed part of a term, with the boundaries it is known to touch."""
    fragments = re.split(r"[*?]", term.value)
    best = max(range(len(fragments)), key=lambda i: len(fragments[i]))
    text = fragments[best]
    at_start = best == 0 and is_word_char(text[0])
    at_end = best == len(fragments) - 1 and is_word_char(text[-1])
    return Literal(text, at_start, at_end)


def _most_selective(covers: Iterable[Cover | None]) -> Cover | None:
    known = [cover for cover in covers if cover is not None]
    return max(known, key=_selectivity) if known else None


def _selectivity(cover: Cover) -> tuple[int, int]:
    # Longer literals are rarer, and a whole word far rarer than a bare substring (a boundary counts
    # as ~3 characters); fewer literals mean fewer chances to fire.
    return (min(_weight(literal) for literal in cover), -len(cover))


def _weight(literal: Literal) -> int:
    return len(literal.text) + 3 * literal.at_start + 3 * literal.at_end


class Prefilter:
    """An Aho-Corasick automaton over every query's cover literals."""

    def __init__(self, covers: Mapping[int, Cover]) -> None:
        # literal text -> four lists of query ids, by (at_start, at_end) as 2*start + end
        by_text: dict[str, tuple[list[int], list[int], list[int], list[int]]] = {}
        for query_id, cover in covers.items():
            for literal in cover:
                buckets = by_text.setdefault(literal.text, ([], [], [], []))
                buckets[2 * literal.at_start + literal.at_end].append(query_id)
        self.automaton = ahocorasick.Automaton()
        for text, buckets in by_text.items():
            self.automaton.add_word(text, (len(text), *buckets))
        self.empty = not by_text
        if not self.empty:
            self.automaton.make_automaton()

    def candidates(self, prepared: str) -> set[int]:
        """Ids of the queries whose cover occurs in ``prepared`` at the required boundaries."""
        found: set[int] = set()
        if self.empty:
            return found
        last = len(prepared) - 1
        for end, (length, free, ends, starts, both) in self.automaton.iter(prepared):
            found.update(free)
            if not (ends or starts or both):
                continue
            before = end - length  # the character just before the hit
            start_ok = before < 0 or is_boundary_char(prepared[before])
            end_ok = end == last or is_boundary_char(prepared[end + 1])
            if end_ok:
                found.update(ends)
            if start_ok:
                found.update(starts)
                if end_ok:
                    found.update(both)
        return found
