"""``tactful rollups rebuild|check``: recompute the insights rollups from the raw tables, or compare them."""

from __future__ import annotations

import typer

from tactful.cli._context import (
    DEFAULT_CONFIG,
    ConfigOption,
    DbOption,
    database_url,
    logs_to_stderr,
    open_existing_store,
)
from tactful.cli.output import console
from tactful.insights import rollups
from tactful.store import search_index


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        help="The insights rollup tables (kept current by the database; rebuild after a restore).",
        no_args_is_help=True,
    )
    app.add_typer(group, name="rollups")

    @group.command("rebuild")
    def rebuild(config: ConfigOption = DEFAULT_CONFIG, db: DbOption = None) -> None:
        """Recompute every rollup from the raw tables, in one transaction; re-index every post for search."""
        logs_to_stderr()
        with open_existing_store(database_url(config, db)) as store:
            sizes = rollups.rebuild(store.engine)
            indexed = search_index.rebuild(store.engine)
        for name, rows in sizes.items():
            console.print(f"{name}: {rows:,} rows")
        console.print(f"search index: {indexed:,} posts")

    @group.command("check")
    def check(config: ConfigOption = DEFAULT_CONFIG, db: DbOption = None) -> None:
        """Compare the rollups with the raw tables; exit 1 if any figure differs."""
        logs_to_stderr()
        with open_existing_store(database_url(config, db)) as store:
            found = rollups.differences(store.engine)
        for name, wrong in found.items():
            console.print(f"{name}: {'consistent' if not wrong else f'{wrong:,} keys differ'}")
        if any(found.values()):
            raise typer.Exit(1)
