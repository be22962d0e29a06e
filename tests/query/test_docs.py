"""docs/query.md cannot rot: its error table and NEAR examples are checked against the code."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from tactful.config import QueryConfig
from tactful.errors import QuerySyntaxError
from tactful.query import compile_queries
from tactful.query.compiler import compile_sources
from tactful.query.parser import parse_query

DOC = Path(__file__).resolve().parents[2] / "docs" / "query.md"


def _section(title: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    return text.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def _rows(title: str) -> list[list[str]]:
    rows = [line.strip("|").split(" | ") for line in _section(title).splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in row] for row in rows[1:]]  # skip the header


def _code(cell: str) -> str:
    return cell.strip("`")


ERROR_ROWS = [row for row in _rows("Errors") if row[0].startswith("`")]


@pytest.mark.parametrize(("query", "message"), ERROR_ROWS)
def test_documented_errors_are_the_real_ones(query: str, message: str) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query(_code(query))
    assert str(caught.value) == _code(message)


def _quoted(cell: str) -> list[str]:
    return re.findall(r'"([^"]+)"', cell)


NEAR_ROWS = _rows("NEAR")


@pytest.mark.parametrize(("query", "positives", "negatives"), NEAR_ROWS)
def test_documented_near_examples_hold(make_post, query: str, positives: str, negatives: str) -> None:
    matcher = compile_sources([("q", "brand", _code(query))])
    for text in _quoted(positives):
        assert matcher.match(make_post(text)), text
    for text in _quoted(negatives):
        assert not matcher.match(make_post(text)), text


def test_the_documented_tables_were_found() -> None:
    assert len(ERROR_ROWS) >= 15 and len(NEAR_ROWS) >= 5


def test_the_config_example_compiles_and_means_what_it_says(make_post) -> None:
    block = DOC.read_text(encoding="utf-8").split("```toml\n", 1)[1].split("```", 1)[0]
    configs = [QueryConfig(**q) for q in tomllib.loads(block)["queries"]]
    matcher = compile_queries(configs)
    texts = ["#acme rocks", "acme rentals are great", "my acme rocket crashed again", "globex jobs", "globex"]
    found = {text: [m.name for m in matcher.match(make_post(text, lang="en"))] for text in texts}
    assert found == {"#acme rocks": ["acme"], "acme rentals are great": [],
                     "my acme rocket crashed again": ["acme", "rocket-complaints"],
                     "globex jobs": [], "globex": ["globex"]}
