"""Compiling configured queries; a bad one names itself and its column."""

from __future__ import annotations

import pytest

from tactful.config import QueryConfig
from tactful.errors import QuerySyntaxError
from tactful.query import compile_queries


def test_compiles_query_configs_into_a_matcher(make_post) -> None:
    matcher = compile_queries([QueryConfig(name="acme", query="acme"),
                               QueryConfig(name="globex", group="competitor:globex", query="globex")])
    assert [q.name for q in matcher.queries] == ["acme", "globex"]
    assert [m.group for m in matcher.match(make_post("acme and globex"))] == ["brand", "competitor:globex"]


def test_a_syntax_error_names_the_query() -> None:
    configs = [QueryConfig(name="fine", query="acme"), QueryConfig(name="broken", query="acme AND")]
    with pytest.raises(QuerySyntaxError) as caught:
        compile_queries(configs)
    expected = "query 'broken': column 9: expected a term or '(' after AND, found end of query"
    assert str(caught.value) == expected
    assert (caught.value.column, caught.value.query) == (9, "acme AND")
