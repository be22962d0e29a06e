"""``tactful enrich``: batch-enrich archives (JSON lines or Parquet) into Parquet by day, without the store.

Prints where every row went: ``read = written + not matched + withheld + duplicate + rejected``.
"""

from __future__ import annotations

from dataclasses import asdict
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

from tactful.cli._context import DEFAULT_CONFIG, ConfigOption, logs_to_stderr, open_existing_store
from tactful.cli.ingest import RowsPerSecond
from tactful.cli.output import console, console_err, print_json
from tactful.config import load_config
from tactful.engines.batch import EnrichJob
from tactful.engines.enrich_local import DEFAULT_CHUNK_SIZE, enrich_local
from tactful.engines.inputs import input_files, is_parquet, read_records
from tactful.engines.parquet_sink import DayPartitionedWriter, prepare_output
from tactful.engines.spark import default_master, enrich_spark, require_pyspark, spark_session
from tactful.errors import TactfulError, UsageError
from tactful.pipeline import IngestReport
from tactful.sources.files import parse_mapping


class Engine(StrEnum):
    local = "local"
    spark = "spark"


def register(app: typer.Typer) -> None:
    @app.command()
    def enrich(
        inputs: Annotated[
            list[str],
            typer.Option(
                "--input",
                "-i",
                help="JSON lines or Parquet files, folders or globs (quote globs); repeat it.",
            ),
        ],
        output: Annotated[
            str, typer.Option("--output", "-o", help="Folder (or Spark URI) for the Parquet output, by day.")
        ],
        config: ConfigOption = DEFAULT_CONFIG,
        engine: Annotated[
            Engine,
            typer.Option(
                "--engine",
                help="local: in-process; spark: Apache Spark (needs the spark extra and Java 17+).",
            ),
        ] = Engine.local,
        workers: Annotated[
            int,
            typer.Option(
                "--workers", "-w", min=1, help="Processes (local) or local[N] cores (spark without --master)."
            ),
        ] = 1,
        master: Annotated[
            str | None,
            typer.Option(
                "--master",
                help="Spark master, e.g. local[2] or yarn (default: spark-submit's, else local[--workers]).",
            ),
        ] = None,
        mapping: Annotated[
            list[str] | None, typer.Option("--map", help="FIELD=COLUMN, e.g. --map text=body; repeat it.")
        ] = None,
        chunk_size: Annotated[
            int, typer.Option("--chunk-size", min=1, help="Posts per batch.")
        ] = DEFAULT_CHUNK_SIZE,
        db: Annotated[
            str | None,
            typer.Option(
                "--optouts-db",
                envvar="TACTFUL_DATABASE_URL",
                show_default=False,
                help="Read the opt-out registry from this database (once) and withhold those authors.",
            ),
        ] = None,
        overwrite: Annotated[
            bool, typer.Option("--overwrite", help="Replace a non-empty output folder.")
        ] = False,
        as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    ) -> None:
        """Match, protect, understand and decide posts from archives; write Parquet partitioned by day."""
        logs_to_stderr()
        files, uris = check_paths(inputs, output, engine, overwrite=overwrite)  # before the models load
        job = EnrichJob.build(
            load_config(config), parse_mapping(mapping or []), opted_out=registered_optouts(db)
        )
        if engine is Engine.spark:
            report = run_spark(
                [str(f.resolve()) for f in files] + uris,
                job,
                output,
                master=master,
                workers=workers,
                chunk_size=chunk_size,
                overwrite=overwrite,
            )
        else:
            report = run_local(files, job, Path(output), workers=workers, chunk_size=chunk_size)
        if not report.adds_up():
            raise TactfulError(f"enrich accounting does not add up: {accounting_line(report)}")
        if as_json:
            print_json({**asdict(report), "written": report.stored, "fallbacks": list(job.stages.fallbacks)})
        else:
            print_report(report, job)


def check_paths(
    inputs: list[str], output: str, engine: Engine, *, overwrite: bool
) -> tuple[list[Path], list[str]]:
    """The local input files and the URIs (hdfs://, s3a://: Spark lists those); the output made ready."""
    uris = [i for i in inputs if "://" in i]
    if engine is Engine.spark:
        require_pyspark()
    elif uris or "://" in output:
        raise UsageError("--engine local reads and writes local files; URIs need --engine spark")
    files = input_files([i for i in inputs if "://" not in i]) if len(uris) < len(inputs) else []
    if "://" not in output:
        prepare_output(Path(output), overwrite=overwrite)
    return files, uris


def registered_optouts(db: str | None) -> frozenset[str]:
    if db is None:
        console_err.print(
            "[yellow]note:[/] no --optouts-db: the opt-out registry is not read", highlight=False
        )
        return frozenset()
    from tactful.privacy.optouts import load_opted_out

    with open_existing_store(db) as store:
        return load_opted_out(store.engine)


def run_local(
    files: list[Path], job: EnrichJob, output: Path, *, workers: int, chunk_size: int
) -> IngestReport:
    with _progress() as progress, DayPartitionedWriter(output) as writer:
        advance = partial(_advance, progress, progress.add_task(f"enrich ({len(files)} files)", total=None))
        return enrich_local(
            read_records(files), job, writer, workers=workers, chunk_size=chunk_size, on_chunk=advance
        )


def run_spark(
    inputs: list[str],
    job: EnrichJob,
    output: str,
    *,
    master: str | None,
    workers: int,
    chunk_size: int,
    overwrite: bool,
) -> IngestReport:
    parquet = all(is_parquet(Path(i)) for i in inputs)
    remote = "://" in output  # a local folder is empty by now; a URI is replaced only with --overwrite
    mode = "overwrite" if overwrite or not remote else "errorifexists"
    output = output if remote else str(Path(output).resolve())
    with (
        console_err.status("enrich (spark)"),
        spark_session(master or default_master(workers), batch_rows=chunk_size) as spark,
    ):
        return enrich_spark(spark, inputs, job, output, parquet=parquet, mode=mode)


def _advance(progress: Progress, task: TaskID, chunk: IngestReport) -> None:
    progress.advance(task, chunk.read)


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed:,} rows"),
        RowsPerSecond(),
        TimeElapsedColumn(),
        console=console_err,
        transient=False,
    )


def accounting_line(report: IngestReport) -> str:
    return (
        f"read {report.read:,} = written {report.stored:,} + not matched {report.not_matched:,} + "
        f"withheld {report.withheld:,} + duplicate {report.duplicate:,} + rejected {report.rejected:,}"
    )


def print_report(report: IngestReport, job: EnrichJob) -> None:
    console.print(accounting_line(report), highlight=False, soft_wrap=True)
    for code, n in sorted(report.rejected_reasons.items(), key=lambda item: (-item[1], item[0])):
        console.print(f"  rejected {code}: {n:,}", highlight=False)
    for fallback in job.stages.fallbacks:
        console_err.print(f"[yellow]note:[/] {fallback}", highlight=False, soft_wrap=True)
