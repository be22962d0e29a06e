"""``tactful query check "<query>"``: parse a brand query and show how it reads."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import typer

from tactful.cli.output import console, console_err
from tactful.errors import QuerySyntaxError
from tactful.query import parse_query
from tactful.query.ast import to_text, tree_lines
from tactful.query.compiler import compile_sources
from tactful.records import Post

_TEXT_HELP = "A sample post text to try the query on (repeatable)."
query_app = typer.Typer(help="Work with brand queries (docs/query.md).", no_args_is_help=True)


@query_app.command("check")
def check(
    query: Annotated[str, typer.Argument(help="The query, in quotes.")],
    texts: Annotated[list[str] | None, typer.Option("--text", "-t", help=_TEXT_HELP)] = None,
) -> None:
    """Parse a query and print its structure, or point at the first error (exit 2)."""
    try:
        tree = parse_query(query)
    except QuerySyntaxError as exc:
        _say(query, err=True)
        _say(" " * (exc.column - 1) + "^", err=True)
        raise
    _say(f"ok: {to_text(tree)}")
    for line in tree_lines(tree):
        _say(line)
    matcher = compile_sources([("query", "brand", query)])
    for text in texts or []:
        post = Post(platform="", platform_id="", text=text, created_at=datetime.now(UTC))
        _say(f"{'match' if matcher.match(post) else 'no match'}: {text}")


def _say(line: str, *, err: bool = False) -> None:
    (console_err if err else console).print(line, markup=False, highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.add_typer(query_app, name="query")
