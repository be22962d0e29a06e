"""``tactful export posts|analyses|decisions|inbox --format csv|jsonl|parquet --output F [--from --to]``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tactful.cli._context import (
    DEFAULT_CONFIG,
    ConfigOption,
    DbOption,
    database_url,
    logs_to_stderr,
    open_existing_store,
)
from tactful.cli.insights import FromOption, ToOption, make_filters
from tactful.cli.output import console_err
from tactful.insights import exports


def register(app: typer.Typer) -> None:
    @app.command()
    def export(
        kind: Annotated[str, typer.Argument(help=f"What to export: {', '.join(exports.KINDS)}.")],
        output: Annotated[Path, typer.Option("--output", "-o", help="The file to write.")],
        fmt: Annotated[
            str, typer.Option("--format", "-f", help=f"One of {', '.join(exports.FORMATS)}.")
        ] = "jsonl",
        since: FromOption = None,
        until: ToOption = None,
        config: ConfigOption = DEFAULT_CONFIG,
        db: DbOption = None,
    ) -> None:
        """Export stored rows, streamed in pages (no cap): posts redacted as stored; never the vault."""
        logs_to_stderr()
        filters = make_filters(since, until)
        with open_existing_store(database_url(config, db)) as store, store.engine.connect() as conn:
            written = exports.export(conn, kind, fmt, output, filters)  # type: ignore[arg-type]
        console_err.print(f"exported {written:,} {kind} rows to {output}")
