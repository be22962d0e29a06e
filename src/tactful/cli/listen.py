"""``tactful listen``: run the configured live sources continuously through the full pipeline."""

from __future__ import annotations

from pathlib import Path

import typer

from tactful.cli.output import console_err
from tactful.config import load_config
from tactful.engines.local import build_stages, pipeline_for
from tactful.sources import builtin  # noqa: F401 - registers the live source types
from tactful.sources.listen import listener_for, stop_on_signals
from tactful.store import open_store


def register(app: typer.Typer) -> None:
    @app.command()
    def listen(
        config: Path = typer.Option(Path("tactful.toml"), "--config", "-c", help="The tactful config file."),
        source: list[str] = typer.Option([], "--source", "-s",
                                         help="Listen to this configured source only (repeatable)."),
    ) -> None:
        """Listen to live sources until SIGINT/SIGTERM; each batch is committed with its cursor."""
        settings = load_config(config)
        stages = build_stages(settings)
        with open_store(settings.database_url()) as store:
            listener = listener_for(settings, store, source, lambda s: pipeline_for(s, stages))
            stop_on_signals(listener.stop)
            clean = listener.run()
        for name, report in sorted(listener.reports.items()):
            console_err.print(f"{name}: {report.ingest.read} read, {report.ingest.stored} stored, "
                              f"{report.ingest.duplicate} duplicate, {report.ingest.rejected} quarantined, "
                              f"{report.removed} removed", highlight=False)
        if not clean:
            raise SystemExit(1)  # typer.Exit is swallowed under standalone_mode=False
