"""``tactful stats [--by group|day|platform|sentiment|intent] [--json]``: stored post counts."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from tactful.cli._context import (
    DEFAULT_CONFIG,
    ConfigOption,
    DbOption,
    database_url,
    logs_to_stderr,
    open_existing_store,
)
from tactful.cli.output import console, print_json
from tactful.errors import UsageError
from tactful.store import STATS_KEYS


def register(app: typer.Typer) -> None:
    @app.command()
    def stats(
        by: Annotated[str, typer.Option("--by", help=f"Count posts by: {', '.join(STATS_KEYS)}.")] = "group",
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
        config: ConfigOption = DEFAULT_CONFIG,
        db: DbOption = None,
    ) -> None:
        """Count stored posts by query group, UTC day, platform, sentiment or intent."""
        logs_to_stderr()
        if by not in STATS_KEYS:
            raise UsageError(f"--by {by!r}: choose from {', '.join(STATS_KEYS)}")
        with open_existing_store(database_url(config, db)) as store:
            counts, total = store.stats(by), store.count_posts()  # type: ignore[arg-type]
        if as_json:
            print_json({"by": by, "total": total, "counts": [{"key": k, "posts": n} for k, n in counts]})
        else:
            console.print(counts_table(by, counts, total))


def counts_table(by: str, counts: list[tuple[str, int]], total: int) -> Table:
    table = Table(title=f"posts by {by}", caption=f"stored posts in all: {total:,}")
    table.add_column(by)
    table.add_column("posts", justify="right")
    for key, n in counts:
        table.add_row(key, f"{n:,}")
    return table
