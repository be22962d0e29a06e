"""``tactful enrich --engine spark``: the same pure stages, inside Spark's Python workers (``mapInArrow``).

    with spark_session("local[2]") as spark:
        report = enrich_spark(spark, ["posts/*.jsonl"], job, "out/")

The driver pickles the ``EnrichJob`` (the stage partials the local engine builds) once and
broadcasts it; each Python worker unpickles it once per job key and keeps it in a
module-level cache, so models load once per worker process, on its first batch. Spark
reads the input (text lines or Parquet), the workers turn each Arrow batch into rows of
the shared output schema (``engines/enriched.py``), and Spark de-duplicates by post key
(first copy by file and position wins, as in the local engine) and writes Parquet by day.

pyspark is an optional extra (``pip install 'tactful[spark]'``); it is imported only here,
inside functions, so importing tactful never needs it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

import tactful
from tactful.engines.batch import EnrichedBatch, EnrichJob, record_from_line, record_from_row
from tactful.engines.enriched import OUTPUT_SCHEMA, PARTITION
from tactful.engines.parquet_sink import QUARANTINE_DIR
from tactful.errors import UsageError
from tactful.pipeline import IngestReport
from tactful.records import Quarantined
from tactful.sources.base import RawRecord

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

KIND, FILE, SEQ = "_kind", "_file", "_seq"
COUNTS = ("read", "not_matched", "withheld", "rejected")
STAGING_SCHEMA = pa.schema(
    [f.with_nullable(True) for f in OUTPUT_SCHEMA]
    + [
        pa.field(PARTITION, pa.string()),
        pa.field(KIND, pa.string()),
        pa.field(FILE, pa.string()),
        pa.field(SEQ, pa.int64()),
        pa.field("_location", pa.string()),
        pa.field("_reason", pa.string()),
        pa.field("_code", pa.string()),
    ]
    + [pa.field(f"_{name}", pa.int64()) for name in COUNTS]
)
"""What the workers hand back: post rows, quarantined rows and one accounting row per batch (by _kind)."""

_jobs: dict[
    str, EnrichJob
] = {}  # per Python worker process: job key -> unpickled job (models inside load once)


class EngineUnavailable(UsageError):
    """The engine asked for cannot run here (pyspark or Java missing)."""

    code = "E700"


def require_pyspark() -> Any:
    try:
        import pyspark
    except ModuleNotFoundError:
        raise EngineUnavailable(
            "--engine spark needs pyspark: pip install 'tactful[spark]' (and Java 17+); or use --engine local"
        ) from None
    return pyspark


@contextmanager
def spark_session(master: str | None, *, batch_rows: int = 1000) -> Iterator[SparkSession]:
    """A session for this run; ``master=None`` keeps what spark-submit configured. Stopped afterwards."""
    require_pyspark()
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("tactful-enrich")
    local = master is not None and master.startswith("local")
    for key, value in _session_settings(batch_rows, local=local).items():
        builder = builder.config(key, value)
    if master is not None:
        builder = builder.master(master)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # local workers: this interpreter, this venv
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # pyspark raises its own runtime errors when the JVM cannot start
        raise EngineUnavailable(start_failure(exc)) from None
    spark.sparkContext.setLogLevel("ERROR")
    try:
        yield spark
    finally:
        spark.stop()


def start_failure(exc: Exception) -> str:
    """Why the session did not start, in one line: the JVM's own reason when it gave one (a bad
    setting, e.g. encryption without spark.authenticate, is named there), else a hint about Java."""
    lines = (line.strip().removeprefix(": ") for line in str(exc).splitlines())
    reason = next((line for line in lines if line.startswith(("org.apache.spark.", "java."))), None)
    if reason is None:
        return f"cannot start Spark ({type(exc).__name__}): is Java 17+ installed and JAVA_HOME set?"
    return f"cannot start Spark: {reason[:300]}"


def _session_settings(batch_rows: int, *, local: bool) -> dict[str, str]:
    settings = {
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.execution.arrow.maxRecordsPerBatch": str(batch_rows),
        "spark.sql.parquet.outputTimestampType": "TIMESTAMP_MICROS",
        "spark.ui.showConsoleProgress": "false",
    }
    if local:  # local[N]: the Python workers import this very tactful, installed or a checkout
        package_root = str(Path(tactful.__file__).resolve().parents[1])
        python_path = os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))
        settings["spark.executorEnv.PYTHONPATH"] = python_path
    return settings


def default_master(workers: int) -> str | None:
    """``local[workers]``, unless spark-submit launched us (then its ``--master`` holds)."""
    return None if os.environ.get("PYSPARK_GATEWAY_PORT") else f"local[{max(workers, 1)}]"


def enrich_spark(
    spark: SparkSession,
    inputs: list[str],
    job: EnrichJob,
    out: str,
    *,
    parquet: bool,
    mode: str = "overwrite",
) -> IngestReport:
    """Enrich ``inputs`` (paths or URIs Spark can read) into ``out``; the report accounts for every row.

    ``mode`` is Spark's save mode for ``out``: "overwrite" replaces it, "errorifexists" refuses."""
    from pyspark.sql.pandas.types import from_arrow_schema

    blob = pickle.dumps(job)
    key = hashlib.sha256(blob).hexdigest()
    worker = partial(enrich_batches, blob=spark.sparkContext.broadcast(blob), key=key, parquet=parquet)
    staged = (
        read_input(spark, inputs, parquet).mapInArrow(worker, from_arrow_schema(STAGING_SCHEMA)).persist()
    )
    try:
        return _write_and_count(spark, staged, out, mode)
    finally:
        staged.unpersist()


def read_input(spark: SparkSession, inputs: list[str], parquet: bool) -> DataFrame:
    from pyspark.sql import functions as F

    frame = spark.read.option("mergeSchema", "true").parquet(*inputs) if parquet else spark.read.text(inputs)
    return frame.select(
        "*", F.col("_metadata.file_path").alias(FILE), F.monotonically_increasing_id().alias(SEQ)
    )


def _write_and_count(spark: SparkSession, staged: DataFrame, out: str, mode: str) -> IngestReport:
    from pyspark.sql import functions as F

    posts = staged.filter(F.col(KIND) == "post")
    writer = deduplicate(posts).select(*OUTPUT_SCHEMA.names, PARTITION).write.partitionBy(PARTITION)
    writer.mode(mode).parquet(out)
    report = batch_counts(staged)
    allowed = posts.count()
    report.stored = spark.read.parquet(out).count() if allowed else 0
    report.duplicate = allowed - report.stored
    if report.rejected:
        _write_quarantine(staged.filter(F.col(KIND) == "quarantined"), report, f"{out}/{QUARANTINE_DIR}")
    return report


def batch_counts(staged: DataFrame) -> IngestReport:
    """The workers' accounting rows, summed: read, not matched, withheld, rejected."""
    from pyspark.sql import functions as F

    reports = staged.filter(F.col(KIND) == "report")
    sums = reports.agg(*[F.sum(f"_{name}").alias(name) for name in COUNTS]).collect()[0]
    return IngestReport(
        read=int(sums["read"] or 0),
        not_matched=int(sums["not_matched"] or 0),
        withheld=int(sums["withheld"] or 0),
        rejected=int(sums["rejected"] or 0),
    )


def _write_quarantine(quarantined: DataFrame, report: IngestReport, path: str) -> None:
    from pyspark.sql import functions as F

    by_code = quarantined.groupBy("_code").count().collect()
    report.rejected_reasons = {row["_code"]: int(row["count"]) for row in by_code}
    columns = [
        F.col("source"),
        F.col("_location").alias("location"),
        F.col("_reason").alias("reason"),
        F.col("_code").alias("code"),
    ]
    quarantined.select(*columns).write.mode("overwrite").parquet(path)


def deduplicate(posts: DataFrame) -> DataFrame:
    """The first row of each (platform, platform_id), by input file then position in it."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    order = Window.partitionBy("platform", "platform_id").orderBy(FILE, SEQ)
    return posts.withColumn("_n", F.row_number().over(order)).filter(F.col("_n") == 1).drop("_n")


# --- inside the Python workers ---------------------------------------------------------------


def enrich_batches(
    batches: Iterator[pa.RecordBatch], *, blob: Any, key: str, parquet: bool
) -> Iterator[pa.RecordBatch]:
    """``mapInArrow``'s function: each input batch, split by file, through the job's stages."""
    job = _job(key, blob)
    for batch in batches:
        rows = batch.to_pylist()
        for file, run in groupby(rows, key=lambda row: row[FILE]):
            yield staged_batch(job, list(run), file, parquet)


def _job(key: str, blob: Any) -> EnrichJob:
    if key not in _jobs:
        _jobs[key] = pickle.loads(blob.value)
    return _jobs[key]


def staged_batch(job: EnrichJob, rows: list[dict[str, Any]], file: str, parquet: bool) -> pa.RecordBatch:
    """One run of rows from one file: its post rows, quarantined rows and accounting row."""
    name = file.rsplit("/", 1)[-1]
    raws = [raw for row in rows if (raw := _raw(row, name, parquet)) is not None]
    done = job.process(raws)
    first_seq = rows[0][SEQ]
    n = done.table.num_rows
    posts = _with_columns(
        done.table, {KIND: ["post"] * n, FILE: [file] * n, SEQ: list(range(first_seq, first_seq + n))}
    )
    others = pa.Table.from_pylist(
        _quarantine_rows(done.quarantined) + [_report_row(done)], schema=STAGING_SCHEMA
    )
    return pa.concat_tables([posts, others]).combine_chunks().to_batches()[0]


def _with_columns(table: pa.Table, values: dict[str, list[Any]]) -> pa.Table:
    """``table`` in ``STAGING_SCHEMA``: the given columns added, the others null."""
    columns = {
        name: table[name] if name in table.column_names else values.get(name, [None] * table.num_rows)
        for name in STAGING_SCHEMA.names
    }
    return pa.Table.from_arrays(
        [
            pa.array(c, type=f.type) if isinstance(c, list) else c.cast(f.type)
            for c, f in zip(columns.values(), STAGING_SCHEMA, strict=True)
        ],
        schema=STAGING_SCHEMA,
    )


def _raw(row: dict[str, Any], name: str, parquet: bool) -> RawRecord | None:
    # Spark gives no line numbers: the location is the row's id within this run (position order).
    location = f"row {row[SEQ]}"
    if parquet:
        return record_from_row({k: v for k, v in row.items() if k not in (FILE, SEQ)}, name, location)
    return record_from_line(row["value"], name, location)


def _quarantine_rows(quarantined: list[Quarantined]) -> list[dict[str, Any]]:
    return [
        {
            KIND: "quarantined",
            "source": q.source,
            "_location": q.location,
            "_reason": q.reason,
            "_code": q.code,
        }
        for q in quarantined
    ]


def _report_row(done: EnrichedBatch) -> dict[str, Any]:
    return {KIND: "report", **{f"_{n}": getattr(done.report, n) for n in COUNTS}}
