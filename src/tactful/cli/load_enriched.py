"""``tactful load-enriched --input DIR``: Parquet written by ``tactful enrich`` into the store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tactful.cli._context import DEFAULT_CONFIG, ConfigOption, DbOption, database_url, logs_to_stderr
from tactful.cli.output import console, print_json
from tactful.engines.load_enriched import load_enriched
from tactful.engines.local import sync_inbox
from tactful.store import open_store


def register(app: typer.Typer) -> None:
    @app.command("load-enriched")
    def load_enriched_command(
        folder: Annotated[Path, typer.Option("--input", "-i", help="The --output folder of tactful enrich.")],
        config: ConfigOption = DEFAULT_CONFIG,
        db: DbOption = None,
        batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Posts per transaction.")] = 500,
        as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    ) -> None:
        """Store posts enriched by 'tactful enrich' (duplicates of stored posts are skipped)."""
        logs_to_stderr()
        with open_store(database_url(config, db)) as store:
            report = load_enriched(folder, store, batch_size=batch_size)
            sync_inbox(store)  # respond/route decisions become inbox items, as after ingest
        if as_json:
            print_json({"read": report.read, "stored": report.stored, "duplicate": report.duplicate})
        else:
            console.print(
                f"read {report.read:,} = stored {report.stored:,} + duplicate {report.duplicate:,}",
                highlight=False,
            )
