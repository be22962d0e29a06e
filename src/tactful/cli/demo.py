"""``tactful demo``: the first command a newcomer runs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tactful.cli._context import logs_to_stderr
from tactful.cli.output import console

WorkdirOption = Annotated[Path, typer.Option("--workdir", help="Working folder for the demo database.")]
FreshOption = Annotated[bool, typer.Option("--fresh", help="Delete the old demo database first.")]


def demo(workdir: WorkdirOption = Path("tactful-demo"), fresh: FreshOption = False) -> None:
    """Ingest the Skylark Airways demo data (fictional) and summarise what tactful heard."""
    from tactful.demo.run import database_path, run_demo  # lazy: the demo pulls in the whole pipeline
    from tactful.demo.summary import render_summary

    logs_to_stderr()
    console.print(f"[bold]tactful demo[/]: Skylark Airways, a fictional airline (folder: {workdir})")
    data = run_demo(
        workdir,
        fresh=fresh,
        on_file=lambda f: console.print(
            f"  ingested {f.name} ({f.format}): {f.report.read} rows, {f.report.stored} new"
        ),
    )
    render_summary(console, data)
    console.print(f"Database: {database_path(workdir)}  (run again with --fresh to start over)")


def register(app: typer.Typer) -> None:
    app.command()(demo)
