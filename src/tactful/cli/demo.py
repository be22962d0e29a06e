"""``tactful demo``: the first command a newcomer runs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tactful.cli._context import logs_to_stderr
from tactful.cli.output import console

WorkdirOption = Annotated[Path, typer.Option("--workdir", help="Working folder for the demo database.")]
FreshOption = Annotated[bool, typer.Option("--fresh", help="Delete the old demo database first.")]
ServeOption = Annotated[bool, typer.Option("--serve", help="Then serve the dashboard on localhost (Ctrl+C).")]
PortOption = Annotated[int, typer.Option("--port", min=1, max=65535, help="Port for --serve.")]


def demo(workdir: WorkdirOption = Path("tactful-demo"), fresh: FreshOption = False,
         serve: ServeOption = False, port: PortOption = 8000) -> None:
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
    offer_dashboard(workdir, serve=serve, port=port)


def offer_dashboard(workdir: Path, *, serve: bool, port: int) -> None:
    """End the demo with the dashboard: the URL and the demo user; with --serve, start it."""
    from tactful.demo.run import demo_config
    from tactful.store import open_store
    from tactful.web.demo import ensure_demo_user

    config = demo_config(workdir)
    store = open_store(config.store.url)
    offer = ensure_demo_user(store.engine, workdir, port=port)
    for line in offer.lines(serving=serve):
        console.print(line, highlight=False)
    if not serve:
        store.close()
        return
    import uvicorn

    from tactful.web.app import create_app

    uvicorn.run(create_app(config, store, dev=True), host="127.0.0.1", port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command()(demo)
