"""``tactful enrich --engine local``: chunks of an archive through the pure stages, in-process or in a pool.

Memory stays flat in the input size: records stream in chunks, at most two chunks per
worker are in flight, and each chunk is written as soon as it is back (in input order,
so the output does not depend on ``workers``). The only thing that grows is the set of
post keys seen, which decides duplicates the way the store would: the first copy wins.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

import pyarrow as pa

from tactful.engines.batch import EnrichedBatch, EnrichJob
from tactful.engines.enriched import quarantine_table
from tactful.engines.parquet_sink import DayPartitionedWriter
from tactful.pipeline import IngestReport, batched
from tactful.sources.base import RawRecord

DEFAULT_CHUNK_SIZE = 1000
_worker_job: EnrichJob | None = None  # set once per worker process: the models load once per worker


def enrich_local(
    records: Iterable[RawRecord],
    job: EnrichJob,
    writer: DayPartitionedWriter,
    *,
    workers: int = 1,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    on_chunk: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Enrich and write every record; the report says where each one went."""
    total = IngestReport()
    seen = SeenKeys()
    for done in processed_chunks(batched(records, chunk_size), job, workers):
        fresh = seen.keep_new(done.table)
        done.report.stored = fresh.num_rows
        done.report.duplicate = done.table.num_rows - fresh.num_rows
        writer.write(fresh)
        writer.write_quarantined(quarantine_table(done.quarantined))
        total.add(done.report)
        if on_chunk is not None:
            on_chunk(done.report)
    return total


def processed_chunks(
    chunks: Iterable[list[RawRecord]], job: EnrichJob, workers: int
) -> Iterator[EnrichedBatch]:
    """Each chunk enriched, in input order; ``workers > 1`` runs them in that many processes."""
    if workers <= 1:
        yield from map(job.process, chunks)
        return
    # fork: ``python -m tactful`` runs the CLI on import, so spawned children would re-run it.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_set_worker_job, initargs=(job,)
    ) as pool:
        pending: deque[Future[EnrichedBatch]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(_process_in_worker, chunk))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _set_worker_job(job: EnrichJob) -> None:
    global _worker_job
    _worker_job = job


def _process_in_worker(chunk: list[RawRecord]) -> EnrichedBatch:
    assert _worker_job is not None, "the pool initializer sets the job"
    return _worker_job.process(chunk)


class SeenKeys:
    """Post keys written so far; ``keep_new`` drops rows already written (and repeats within a table)."""

    def __init__(self) -> None:
        self.keys: set[tuple[str, str]] = set()

    def keep_new(self, table: pa.Table) -> pa.Table:
        keep: list[bool] = []
        for key in zip(table["platform"].to_pylist(), table["platform_id"].to_pylist(), strict=True):
            keep.append(key not in self.keys)
            self.keys.add(key)
        return table if all(keep) else table.filter(pa.array(keep, pa.bool_()))
