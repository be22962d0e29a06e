"""Load ``tactful enrich`` output (Parquet by day) into the store: the rows become stored posts again.

Batch by batch in constant memory; the store drops posts it holds already, so loading
the same folder twice adds nothing. Sealed contacts never leave the privacy gate in batch
enrichment, so loaded posts cannot be answered through the contact vault.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyarrow.dataset as ds

from tactful.engines.enriched import OUTPUT_SCHEMA, stored_posts
from tactful.engines.parquet_sink import QUARANTINE_DIR
from tactful.errors import InputFormatError
from tactful.pipeline import IngestReport, Sink


def enriched_dataset(folder: Path) -> ds.Dataset:
    if not folder.is_dir():
        raise InputFormatError(f"{folder}: no such folder (the --output of tactful enrich)")
    return ds.dataset(
        folder,
        format="parquet",
        partitioning="hive",
        ignore_prefixes=[".", "_", QUARANTINE_DIR],
        exclude_invalid_files=True,
    )


def load_enriched(
    folder: Path, sink: Sink, *, batch_size: int = 500, on_batch: Callable[[IngestReport], None] | None = None
) -> IngestReport:
    """Write every enriched row into ``sink``; ``read = stored + duplicate``."""
    total = IngestReport()
    scanner = enriched_dataset(folder).scanner(columns=OUTPUT_SCHEMA.names, batch_size=batch_size)
    for batch in scanner.to_batches():
        if batch.num_rows == 0:
            continue
        posts = list(stored_posts(batch))
        stored = sink.write_batch(posts, [])
        report = IngestReport(read=len(posts), stored=stored, duplicate=len(posts) - stored)
        total.add(report)
        if on_batch is not None:
            on_batch(report)
    return total
