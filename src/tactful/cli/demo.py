"""``tactful demo``: the first command a newcomer runs."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated

import structlog
import typer

from tactful.cli.output import console

WorkdirOption = Annotated[Path, typer.Option("--workdir", help="Working folder for the demo database.")]
FreshOption = Annotated[
    bool, typer.Option("--fresh", help="Delete the folder's demo database and start over.")
]


def quiet_logs() -> None:
    """The demo's output is its summary: pipeline events go to stderr, warnings and worse only."""
    if not structlog.is_configured():
        structlog.configure(
            wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING),
            logger_factory=structlog.PrintLoggerFactory(sys.stderr),
        )


def demo(workdir: WorkdirOption = Path("tactful-demo"), fresh: FreshOption = False) -> None:
    """Ingest the Skylark Airways demo data (fictional) and summarise what tactful heard."""
    from tactful.demo.run import database_path, run_demo  # lazy: the demo pulls in the whole pipeline
    from tactful.demo.summary import render_summary

    quiet_logs()
    console.print(
        f"[bold]tactful demo[/]: Skylark Airways (a fictional airline), 14 days of posts, in {workdir}"
    )
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
