"""The parsed form of a query: a small tree of immutable nodes.

Columns (1-based, in the query as written) are kept for error messages but
ignored by equality, so two spellings of the same query compare equal.
``to_text`` writes a tree back as a fully parenthesised query that parses to
the same tree; ``tree_lines`` draws it for ``tactful query check``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tactful.query.text import TokenKind

FIELDS = ("author", "lang", "platform")
_PREFIX = {"word": "", "tag": "#", "handle": "@"}


@dataclass(frozen=True, slots=True)
class Term:
    """One word, ``#hashtag`` or ``@handle``, possibly with wildcards (``*`` at the end, ``?``)."""

    kind: TokenKind
    value: str  # normalised (lowercase), without the '#' or '@'
    column: int = field(default=0, compare=False)

    @property
    def is_wildcard(self) -> bool:
        return "*" in self.value or "?" in self.value


@dataclass(frozen=True, slots=True)
class Phrase:
    """Terms that must appear next to each other, in this order."""

    terms: tuple[Term, ...]
    column: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class FieldFilter:
    """``lang:en``, ``platform:bluesky``, ``author:handle``: a test on the post, not its text."""

    name: str  # one of FIELDS
    value: str  # lowercase
    column: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Not:
    child: Node
    column: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Near:
    """Both sides within ``distance`` words of each other (``ordered``: left comes first)."""

    left: Node
    right: Node
    distance: int
    ordered: bool
    column: int = field(default=0, compare=False)


Node = Term | Phrase | FieldFilter | Not | And | Or | Near


def is_positional(node: Node) -> bool:
    """Whether a node finds places in the text, so that NEAR can measure distances to it."""
    if isinstance(node, Term | Phrase | Near):
        return True
    if isinstance(node, Or):
        return all(is_positional(child) for child in node.children)
    return False


def to_text(node: Node) -> str:
    """The query written out in full, parenthesised; ``parse_query(to_text(n)) == n``."""
    if isinstance(node, Term):
        return _PREFIX[node.kind] + node.value
    if isinstance(node, Phrase):
        return '"' + " ".join(to_text(term) for term in node.terms) + '"'
    if isinstance(node, FieldFilter):
        return f"{node.name}:{node.value}"
    if isinstance(node, Not):
        return "NOT " + to_text(node.child)
    if isinstance(node, And | Or):
        keyword = " AND " if isinstance(node, And) else " OR "
        return "(" + keyword.join(to_text(child) for child in node.children) + ")"
    return f"({to_text(node.left)} {near_keyword(node)} {to_text(node.right)})"


def near_keyword(node: Near) -> str:
    return f"NEAR/{node.distance}{'f' if node.ordered else ''}"


def tree_lines(node: Node, depth: int = 0) -> list[str]:
    """An indented outline of the tree, one node a line."""
    pad = "  " * depth
    if isinstance(node, Term):
        label = {"word": "word", "tag": "hashtag", "handle": "handle"}[node.kind]
        suffix = " (wildcard)" if node.is_wildcard else ""
        return [f"{pad}{label} {to_text(node)}{suffix}"]
    if isinstance(node, Phrase | FieldFilter):
        label = "phrase" if isinstance(node, Phrase) else "field"
        return [f"{pad}{label} {to_text(node)}"]
    if isinstance(node, Not):
        return [f"{pad}NOT", *tree_lines(node.child, depth + 1)]
    if isinstance(node, And | Or):
        head = "AND" if isinstance(node, And) else "OR"
        return [f"{pad}{head}", *(line for child in node.children for line in tree_lines(child, depth + 1))]
    order = "left before right" if node.ordered else "any order"
    head = f"{pad}{near_keyword(node)} (within {node.distance} words, {order})"
    return [head, *tree_lines(node.left, depth + 1), *tree_lines(node.right, depth + 1)]
