"""``tactful listen``: run the configured live sources continuously through the full pipeline."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tactful.cli.output import console_err
from tactful.config import load_config
from tactful.engines.local import build_stages, pipeline_for
from tactful.sources import builtin  # noqa: F401 - registers the live source types
from tactful.sources.listen import listener_for, stop_on_signals
from tactful.store import open_store

ConfigOpt = Annotated[Path, typer.Option("--config", "-c", help="The tactful config file.")]
SourceOpt = Annotated[
    list[str] | None,
    typer.Option("--source", "-s", help="Listen to this configured source only (repeatable)."),
]


def register(app: typer.Typer) -> None:
    @app.command()
    def listen(config: ConfigOpt = Path("tactful.toml"), source: SourceOpt = None) -> None:
        """Listen to live sources until SIGINT/SIGTERM; each batch is committed with its cursor."""
        settings = load_config(config)
        stages = build_stages(settings)
        with open_store(settings.database_url()) as store:
            listener = listener_for(settings, store, source or [], lambda s: pipeline_for(s, stages))
            stop_on_signals(listener.stop)
            clean = listener.run()
        for name, report in sorted(listener.reports.items()):
            ingest = report.ingest
            console_err.print(
                f"{name}: {ingest.read} read, {ingest.stored} stored, {ingest.duplicate} duplicate, "
                f"{ingest.rejected} quarantined, {report.removed} removed",
                highlight=False,
            )
        if not clean:
            raise SystemExit(1)  # typer.Exit is swallowed under standalone_mode=False
