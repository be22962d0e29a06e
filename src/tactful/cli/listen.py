"""``tactful listen``: run the configured live sources continuously through the full pipeline."""

from __future__ import annotations

from typing import Annotated

import typer

from tactful.cli._context import DEFAULT_CONFIG, ConfigOption, DbOption, database_url_for
from tactful.cli.output import console_err
from tactful.config import load_config
from tactful.engines.local import build_stages, pipeline_for, privacy_admit
from tactful.sources import builtin  # noqa: F401 - registers the live source types
from tactful.sources.listen import listener_for, privacy_eraser, stop_on_signals
from tactful.store import open_store

SourceOpt = Annotated[
    list[str] | None,
    typer.Option("--source", "-s", help="Listen to this configured source only (repeatable)."),
]


def register(app: typer.Typer) -> None:
    @app.command()
    def listen(config: ConfigOption = DEFAULT_CONFIG, db: DbOption = None, source: SourceOpt = None) -> None:
        """Listen to live sources until SIGINT/SIGTERM; each batch is committed with its cursor.

        Reconnects and alerts are logged as warnings; run ``tactful -v listen`` to see every batch.
        """
        settings = load_config(config)
        with open_store(database_url_for(settings, db)) as store:
            # With the store: opt-outs and tombstones honoured.
            stages = build_stages(settings, store=store, live=True)
            erase, admit = privacy_eraser(settings, store), privacy_admit(settings)
            listener = listener_for(
                settings, store, source or [], lambda s: pipeline_for(s, stages), erase, admit
            )
            stop_on_signals(listener.stop)
            clean = listener.run()
        for name, report in sorted(listener.reports.items()):
            ingest = report.ingest
            console_err.print(
                f"{name}: {ingest.read} read, {ingest.stored} stored, {ingest.duplicate} duplicate, "
                f"{ingest.rejected} quarantined, {report.removed} removed",
                highlight=False,
            )
        for name, reason in sorted(listener.crashed.items()):
            console_err.print(f"{name} stopped: {reason}", highlight=False, markup=False)
        if not clean:
            raise typer.Exit(1)
