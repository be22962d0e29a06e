"""``tactful query check "<query>"``: parse a brand query and show how it reads."""

from __future__ import annotations

import typer

from tactful.cli.output import console, console_err
from tactful.errors import QuerySyntaxError
from tactful.query import parse_query
from tactful.query.ast import to_text, tree_lines

query_app = typer.Typer(help="Work with brand queries (docs/query.md).", no_args_is_help=True)


@query_app.command("check")
def check(query: str = typer.Argument(..., help="The query, in quotes.")) -> None:
    """Parse a query and print its structure, or point at the first error (exit 2)."""
    try:
        tree = parse_query(query)
    except QuerySyntaxError as exc:
        console_err.print(query, markup=False, highlight=False, soft_wrap=True)
        console_err.print(" " * (exc.column - 1) + "^", markup=False, highlight=False, soft_wrap=True)
        raise
    console.print(f"ok: {to_text(tree)}", markup=False, highlight=False, soft_wrap=True)
    for line in tree_lines(tree):
        console.print(line, markup=False, highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.add_typer(query_app, name="query")
