"""``tactful report --from DATE --to DATE --format html|pdf [--output F]``: a weekly or monthly report."""

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
from tactful.cli.insights import make_filters
from tactful.cli.output import console_err
from tactful.errors import UsageError
from tactful.insights.filters import BRAND


def register(app: typer.Typer) -> None:
    @app.command()
    def report(
        since: Annotated[str, typer.Option("--from", help="First day (YYYY-MM-DD, UTC), inclusive.")],
        until: Annotated[str, typer.Option("--to", help="End day (YYYY-MM-DD, UTC), exclusive.")],
        fmt: Annotated[str, typer.Option("--format", "-f", help="html or pdf.")] = "html",
        output: Annotated[
            Path | None, typer.Option("--output", "-o", help="Default: report-FROM-TO.FORMAT")
        ] = None,
        brand: Annotated[str, typer.Option(help="The brand's query group.")] = BRAND,
        config: ConfigOption = DEFAULT_CONFIG,
        db: DbOption = None,
    ) -> None:
        """Write a report with charts and a summary derived from the figures (no invented claims)."""
        from tactful.insights import render
        from tactful.insights.report import gather

        logs_to_stderr()
        if fmt not in ("html", "pdf"):
            raise UsageError(f"--format {fmt!r}: choose html or pdf")
        filters = make_filters(since, until)
        assert filters.since is not None and filters.until is not None
        target = output or Path(f"report-{filters.since:%Y%m%d}-{filters.until:%Y%m%d}.{fmt}")
        with open_existing_store(database_url(config, db)) as store, store.engine.connect() as conn:
            data = gather(conn, filters.since, filters.until, brand=brand)
        if fmt == "html":
            target.write_text(render.html(data), encoding="utf-8")
        else:
            render.pdf(data, target)
        console_err.print(f"wrote {target}")
