"""Compiling the configured queries, once, into a ``Matcher``."""

from __future__ import annotations

from collections.abc import Iterable

from tactful.config import QueryConfig
from tactful.errors import QuerySyntaxError
from tactful.query.evaluate import compile_predicate
from tactful.query.matcher import CompiledQuery, Matcher
from tactful.query.parser import parse_query


def compile_queries(configs: Iterable[QueryConfig], *, prefilter: bool = True) -> Matcher:
    """Parse and compile every query; a syntax error names the query and the column."""
    return compile_sources([(c.name, c.group, c.query) for c in configs], prefilter=prefilter)


def compile_sources(sources: Iterable[tuple[str, str, str]], *, prefilter: bool = True) -> Matcher:
    """Like ``compile_queries``, from ``(name, group, query)`` triples."""
    compiled = [compile_one(name, group, query) for name, group, query in sources]
    return Matcher(compiled, prefilter=prefilter)


def compile_one(name: str, group: str, query: str) -> CompiledQuery:
    try:
        tree = parse_query(query)
    except QuerySyntaxError as exc:
        raise QuerySyntaxError(
            f"query '{name}': {exc.message}", query=query, column=exc.column, expected=exc.expected
        ) from None
    return CompiledQuery(name, group, query, tree, compile_predicate(tree))
