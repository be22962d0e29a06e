"""A recursive-descent parser for brand queries (the language is in docs/query.md).

Precedence, tightest first: ``NOT`` > ``NEAR/n`` > ``AND`` (also implicit,
between adjacent terms) > ``OR``. Grammar::

    query   := or END
    or      := and ("OR" and)*
    and     := near (["AND"] near)*
    near    := unary (NEAR unary)*          both sides: words, phrases, OR-groups of them
    unary   := "NOT" unary | primary
    primary := "(" or ")" | PHRASE | CHUNK

Every error is a ``QuerySyntaxError`` reading ``column N: expected X, found Y``.
"""

from __future__ import annotations

from tactful.query.ast import And, Near, Node, Not, Or, is_positional
from tactful.query.lexer import Kind, Lexeme, lex, syntax_error
from tactful.query.terms import chunk_to_node, phrase_to_node

MAX_DEPTH = 50  # nested parentheses / NOTs; deeper is a mistake, and would exhaust the stack
_STARTS_OPERAND = {Kind.NOT, Kind.LPAREN, Kind.PHRASE, Kind.CHUNK}


def parse_query(query: str) -> Node:
    """Parse one query into its tree, or raise ``QuerySyntaxError``."""
    return _Parser(query).parse()


class _Parser:
    def __init__(self, query: str) -> None:
        self.query = query
        self.lexemes = lex(query)
        self.index = 0
        self.depth = 0

    @property
    def peek(self) -> Lexeme:
        return self.lexemes[self.index]

    def advance(self) -> Lexeme:
        lexeme = self.lexemes[self.index]
        self.index += 1
        return lexeme

    def parse(self) -> Node:
        node = self.or_("at the start of the query")
        if self.peek.kind is Kind.RPAREN:
            raise self.error(self.peek, "end of query", " without a matching '('")
        return node

    def or_(self, context: str) -> Node:
        children = [self.and_(context)]
        while self.peek.kind is Kind.OR:
            self.advance()
            children.append(self.and_("after OR"))
        return children[0] if len(children) == 1 else Or(tuple(children))

    def and_(self, context: str) -> Node:
        children = [self.near(context)]
        while self.peek.kind is Kind.AND or self.peek.kind in _STARTS_OPERAND:
            if self.peek.kind is Kind.AND:
                self.advance()
            children.append(self.near("after AND"))
        return children[0] if len(children) == 1 else And(tuple(children))

    def near(self, context: str) -> Node:
        left_start = self.peek
        left = self.unary(context)
        while self.peek.kind is Kind.NEAR:
            operator = self.advance()
            right_start = self.peek
            right = self.unary(f"after {operator.text}")
            self.check_near_side(left, "before", operator, left_start.column)
            self.check_near_side(right, "after", operator, right_start.column)
            left = Near(left, right, operator.distance, operator.ordered, operator.column)
        return left

    def unary(self, context: str) -> Node:
        if self.peek.kind is not Kind.NOT:
            return self.primary(context)
        operator = self.advance()
        with _Nesting(self, operator):
            return Not(self.unary("after NOT"), operator.column)

    def primary(self, context: str) -> Node:
        lexeme = self.advance()
        if lexeme.kind is Kind.CHUNK:
            return chunk_to_node(self.query, lexeme)
        if lexeme.kind is Kind.PHRASE:
            return phrase_to_node(self.query, lexeme)
        if lexeme.kind is not Kind.LPAREN:
            raise self.error(lexeme, f"a term or '(' {context}")
        with _Nesting(self, lexeme):
            inner = self.or_("after '('")
        if self.peek.kind is not Kind.RPAREN:
            raise self.error(self.peek, f"')' to close the '(' at column {lexeme.column}")
        self.advance()
        return inner

    def check_near_side(self, node: Node, side: str, operator: Lexeme, column: int) -> None:
        if not is_positional(node):
            raise syntax_error(
                self.query, column, f"a word, phrase or OR-group of them {side} {operator.text}",
                _describe_node(node),
            )

    def error(self, found: Lexeme, expected: str, hint: str = "") -> Exception:
        return syntax_error(self.query, found.column, expected, found.describe(), hint)


def _describe_node(node: Node) -> str:
    names = {"Not": "a NOT", "And": "an AND group", "FieldFilter": "a field filter", "Or": "an OR group with "
             "a NOT, AND or field filter inside"}
    return names.get(type(node).__name__, "an expression")


class _Nesting:
    """Counts nesting depth so that a pathological query fails cleanly instead of overflowing."""

    def __init__(self, parser: _Parser, opener: Lexeme) -> None:
        self.parser = parser
        self.opener = opener

    def __enter__(self) -> None:
        self.parser.depth += 1
        if self.parser.depth > MAX_DEPTH:
            expected = f"at most {MAX_DEPTH} nested parentheses or NOTs"
            raise syntax_error(self.parser.query, self.opener.column, expected, f"level {MAX_DEPTH + 1}")

    def __exit__(self, *exc: object) -> None:
        self.parser.depth -= 1
