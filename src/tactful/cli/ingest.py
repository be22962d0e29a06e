"""``tactful ingest FILE...``: stream export files through the pipeline into the store.

Prints where every row went: ``read = stored + not matched + withheld + duplicate + rejected``.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from dataclasses import asdict
from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from tactful.cli._context import DEFAULT_CONFIG, ConfigOption, DbOption, database_url_for, logs_to_stderr
from tactful.cli.output import console, console_err, print_json
from tactful.config import load_config
from tactful.engines.local import CheckedSink, Stages, build_stages, pipeline_for, privacy_admit, sync_inbox
from tactful.engines.understand_pool import UnderstandPool, default_workers
from tactful.errors import TactfulError
from tactful.pipeline import IngestReport, InProcess, Sink, Understanding
from tactful.sources.base import Source
from tactful.store import open_store


def register(app: typer.Typer) -> None:
    @app.command()
    def ingest(
        files: Annotated[list[str], typer.Argument(help="Files, directories or globs (quote globs).")],
        config: ConfigOption = DEFAULT_CONFIG,
        file_format: Annotated[str | None, typer.Option("--format", "-f", help="The files' format "
                                                        "(default: detected from the content).")] = None,
        mapping: Annotated[list[str] | None, typer.Option("--map", help="FIELD=COLUMN for csv/jsonl, "
                                                          "e.g. --map text=body; repeat it.")] = None,
        db: DbOption = None,
        batch_size: Annotated[int, typer.Option("--batch-size", min=1,
                                                help="Posts per batch (one transaction).")] = 500,
        workers: Annotated[int | None, typer.Option(
            "--workers", min=0, help="Processes that run the models while this one reads, protects and "
            "stores (0: all in this process). Default: one fewer than the cores for inputs of 50 MB or "
            "more, else 0.")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    ) -> None:
        """Read export files, keep posts matching your queries, protect, understand, decide and store them."""
        logs_to_stderr()
        settings = load_config(config)
        sources = open_sources(files, file_format, mapping or [])
        with open_store(database_url_for(settings, db)) as store:
            stages = build_stages(settings, store=store)
            if workers is None:
                workers = default_workers(sum(_size(source) for source in sources))
            sink = CheckedSink(store, privacy_admit(settings))
            report = ingest_sources(sources, stages, sink, batch_size=batch_size, workers=workers)
            sync_inbox(store)  # respond/route decisions become inbox items
        check_adds_up(report)
        if as_json:
            print_json({**asdict(report), "fallbacks": list(stages.fallbacks)})
        else:
            print_report(report, stages)


def open_sources(files: list[str], file_format: str | None, mapping: list[str]) -> list[Source]:
    """Every file's source, opened up front so a bad name or format fails before anything is stored."""
    from tactful.sources.files import iter_files, open_file_source

    return [open_file_source(path, file_format, mapping) for path in iter_files(files)]


def ingest_sources(sources: list[Source], stages: Stages, sink: Sink, *, batch_size: int,
                   workers: int = 0) -> IngestReport:
    total = IngestReport()
    with _understanding(stages, workers) as understanding, _progress() as progress:
        for source in sources:
            advance = partial(_advance, progress, progress.add_task(_label(source), total=None))
            pipeline = pipeline_for(source, stages)
            total.add(pipeline.run(source.read(), sink, batch_size=batch_size, on_batch=advance,
                                   understanding=understanding))
    return total


def _understanding(stages: Stages, workers: int) -> AbstractContextManager[Understanding]:
    if workers == 0:
        return nullcontext(InProcess(stages.understand))
    return UnderstandPool(stages.understand, workers)


def _size(source: Source) -> int:
    path = getattr(source, "path", None)
    try:
        return Path(path).stat().st_size if path is not None else 0
    except OSError:
        return 0


def _advance(progress: Progress, task: TaskID, batch: IngestReport) -> None:
    progress.advance(task, batch.read)


def _label(source: Source) -> str:
    path = getattr(source, "path", None)
    return Path(path).name if path is not None else source.name


class RowsPerSecond(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f} rows/s" if speed else "", style="progress.data.speed")


def _progress() -> Progress:
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed:,} rows"),
                    RowsPerSecond(), TimeElapsedColumn(), console=console_err, transient=False)


def check_adds_up(report: IngestReport) -> None:
    if not report.adds_up():
        raise TactfulError(f"ingest accounting does not add up: {accounting_line(report)}")


def accounting_line(report: IngestReport) -> str:
    return (f"read {report.read:,} = stored {report.stored:,} + not matched {report.not_matched:,} + "
            f"withheld {report.withheld:,} + duplicate {report.duplicate:,} + rejected {report.rejected:,}")


def print_report(report: IngestReport, stages: Stages) -> None:
    console.print(accounting_line(report), highlight=False, soft_wrap=True)
    if report.rejected_reasons:
        table = Table(title="rejected, by reason", caption="details: the quarantine table")
        table.add_column("code")
        table.add_column("rows", justify="right")
        for code, n in sorted(report.rejected_reasons.items(), key=lambda item: (-item[1], item[0])):
            table.add_row(code, f"{n:,}")
        console.print(table)
    for fallback in stages.fallbacks:
        console_err.print(f"[yellow]note:[/] {fallback}", highlight=False, soft_wrap=True)
