"""Compiling a query tree into a fast test over a ``Document``.

Two views of a node: ``compile_predicate`` (does the post match?) and, for the
nodes NEAR can measure, ``compile_spans`` (where, as inclusive token ranges).

Distances: ``a NEAR/n b`` holds when at most ``n`` tokens lie between a
place ``a`` matches and a place ``b`` matches (``NEAR/0``: side by side); the
two places may not overlap. ``NEAR/nf`` also needs ``a`` before ``b``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from tactful.query.ast import And, FieldFilter, Near, Node, Not, Or, Phrase, Term
from tactful.query.document import Document

Predicate = Callable[[Document], bool]
Span = tuple[int, int]
SpanFinder = Callable[[Document], Sequence[Span]]
_NONE: list[int] = []
_NOT_NEWLINE = "[^\n]"


def compile_predicate(node: Node) -> Predicate:
    if isinstance(node, Term):
        return _term_predicate(node)
    if isinstance(node, Phrase | Near):
        spans = compile_spans(node)
        return lambda doc: bool(spans(doc))
    if isinstance(node, FieldFilter):
        return _field_predicate(node)
    if isinstance(node, Not):
        child = compile_predicate(node.child)
        return lambda doc: not child(doc)
    children = tuple(compile_predicate(child) for child in node.children)
    return _all_of(children) if isinstance(node, And) else _any_of(children)


def _all_of(children: tuple[Predicate, ...]) -> Predicate:
    if len(children) == 2:  # the common case, without a generator per call
        first, second = children
        return lambda doc: first(doc) and second(doc)
    return lambda doc: all(child(doc) for child in children)


def _any_of(children: tuple[Predicate, ...]) -> Predicate:
    if len(children) == 2:
        first, second = children
        return lambda doc: first(doc) or second(doc)
    return lambda doc: any(child(doc) for child in children)


def compile_spans(node: Node) -> SpanFinder:
    if isinstance(node, Term):
        positions = term_positions(node)
        return lambda doc: [(p, p) for p in positions(doc)]
    if isinstance(node, Phrase):
        return _phrase_spans(node)
    if isinstance(node, Near):
        return _near_spans(node)
    if isinstance(node, Or):
        finders = tuple(compile_spans(child) for child in node.children)
        return lambda doc: list({span for find in finders for span in find(doc)})
    raise TypeError(f"{type(node).__name__} has no position in the text")  # the parser prevents this


def term_positions(term: Term) -> Callable[[Document], list[int]]:
    """Where ``term`` occurs among the tokens of a document."""
    index_name = {"word": "words", "tag": "tags", "handle": "handles"}[term.kind]
    if not term.is_wildcard:
        value = term.value
        return lambda doc: getattr(doc, index_name).get(value, _NONE)
    matches = wildcard_matcher(term.value)
    memo_key = ("positions", term.kind, term.value)

    def positions(doc: Document) -> list[int]:
        found = doc.memo.get(memo_key)
        if found is None:
            found = [p for key, where in getattr(doc, index_name).items() if matches(key) for p in where]
            doc.memo[memo_key] = found
        return found

    return positions


def wildcard_matcher(pattern: str) -> Callable[[str], bool]:
    """``*`` (end only) is any run of characters, even none; ``?`` is one character or none."""
    prefix = re.split(r"[*?]", pattern, maxsplit=1)[0]
    regex = re.compile(_wildcard_body(pattern, any_char="."), re.DOTALL)
    return lambda key: key.startswith(prefix) and regex.fullmatch(key) is not None


def _wildcard_body(pattern: str, any_char: str) -> str:
    wildcards = {"*": any_char + "*", "?": any_char + "?"}
    return "".join(wildcards.get(char) or re.escape(char) for char in pattern)


def _term_predicate(term: Term) -> Predicate:
    value = term.value
    if term.is_wildcard:
        return _wildcard_predicate(term)
    if term.kind == "word":
        return lambda doc: value in doc.words or value in doc.tag_set
    if term.kind == "tag":
        return lambda doc: value in doc.tag_set
    return lambda doc: value in doc.handle_set


def _wildcard_predicate(term: Term) -> Predicate:
    # One C-level regex search over the post's distinct words, one per line, instead of a Python loop.
    regex = re.compile("^" + _wildcard_body(term.value, any_char=_NOT_NEWLINE) + "$", re.MULTILINE)
    kind = term.kind
    return lambda doc: regex.search(doc.keys_text(kind)) is not None


def _field_predicate(node: FieldFilter) -> Predicate:
    value = node.value
    if node.name == "lang":
        dashed = value + "-"
        return lambda doc: doc.lang == value or doc.lang.startswith(dashed)
    if node.name == "platform":
        return lambda doc: doc.platform == value
    return lambda doc: doc.author == value


def _phrase_spans(node: Phrase) -> SpanFinder:
    first, *rest = (term_positions(term) for term in node.terms)
    last = len(node.terms) - 1

    def spans(doc: Document) -> list[Span]:
        starts = first(doc)
        if not starts:
            return []
        following = [set(positions(doc)) for positions in rest]
        return [(p, p + last) for p in starts if all(p + i in after for i, after in enumerate(following, 1))]

    return spans


def _near_spans(node: Near) -> SpanFinder:
    left, right = compile_spans(node.left), compile_spans(node.right)
    distance, ordered = node.distance, node.ordered

    def spans(doc: Document) -> list[Span]:
        lefts = left(doc)
        if not lefts:
            return []
        found: set[Span] = set()
        for right_span in right(doc):
            for left_span in lefts:
                if _within(left_span, right_span, distance, ordered):
                    found.add((min(left_span[0], right_span[0]), max(left_span[1], right_span[1])))
        return list(found)

    return spans


def _within(left: Span, right: Span, distance: int, ordered: bool) -> bool:
    if left[1] < right[0]:
        return right[0] - left[1] - 1 <= distance
    if not ordered and right[1] < left[0]:
        return left[0] - right[1] - 1 <= distance
    return False
