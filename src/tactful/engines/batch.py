"""What both ``tactful enrich`` engines run on a batch: raw input rows in, an Arrow table out.

    job = EnrichJob.build(config, mapping)          # once, on the driver: compiles queries
    done = job.process(raws)                        # anywhere: a worker process, a Spark executor

The job holds the same stage objects ``engines.local.build_stages`` makes (functools
partials, picklable); models load lazily on the first batch in each process. Input rows
become ``RawRecord``s the same way in both engines, so a line reads the same everywhere:
a JSON line is decoded here (``record_from_line``), a Parquet row is a dict already.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import pyarrow as pa

from tactful.config import Config
from tactful.engines.enriched import OUTPUT_SCHEMA, PARTITION, to_table
from tactful.engines.local import Stages, build_stages
from tactful.pipeline import IngestReport, Pipeline
from tactful.records import Quarantined
from tactful.sources.base import RawRecord
from tactful.sources.files.base import DEFAULT_MAX_RECORD_BYTES
from tactful.sources.files.jsonl import JsonLines
from tactful.sources.files.reading import BAD_JSON, failed, json_error_reason, loads, too_large

EMPTY_TABLE = OUTPUT_SCHEMA.append(pa.field(PARTITION, pa.string())).empty_table()


@dataclass
class EnrichedBatch:
    """One batch done: the rows to write (before de-duplication), what was quarantined, the accounting."""

    table: pa.Table
    quarantined: list[Quarantined]
    report: IngestReport  # read, not_matched, withheld, rejected; written/duplicate are the writer's


@dataclass(frozen=True)
class EnrichJob:
    """The stages and the row mapping, bound once: picklable, so it travels to workers and executors."""

    stages: Stages
    input_format: JsonLines = field(default_factory=JsonLines)

    @classmethod
    def build(
        cls,
        config: Config,
        mapping: Mapping[str, str] | None = None,
        *,
        opted_out: frozenset[str] = frozenset(),
    ) -> EnrichJob:
        """``opted_out``: the opt-out registry's hashes, read once (the store itself does not travel)."""
        stages = build_stages(config)
        if opted_out and hasattr(stages.privacy_gate, "opted_out"):
            stages = replace(stages, privacy_gate=replace(stages.privacy_gate, opted_out=opted_out))  # type: ignore[type-var]
        return cls(stages, JsonLines(mapping=dict(mapping or {})))

    def process(self, raws: list[RawRecord]) -> EnrichedBatch:
        pipeline = Pipeline(
            map_item=self.input_format.map_item,
            normalise=self.stages.normalise,
            match=self.stages.match,
            privacy_gate=self.stages.privacy_gate,
            understand=self.stages.understand,
            decide=self.stages.decide,
        )
        done = pipeline.process(raws)
        table = to_table(done.posts) if done.posts else EMPTY_TABLE
        return EnrichedBatch(table, done.quarantined, done.report)


def record_from_line(
    text: str, source: str, location: str, limit: int = DEFAULT_MAX_RECORD_BYTES
) -> RawRecord | None:
    """One JSON line as a raw record (a failed one when it is not JSON or too long); None for a blank line."""
    if not text.strip():
        return None
    size = len(text.encode("utf-8"))
    if size > limit:
        return too_large(source, location, size, limit)
    try:
        payload = loads(text.removeprefix("\ufeff"))
    except BAD_JSON as exc:
        return failed(source, location, json_error_reason(exc), "invalid_json")
    return RawRecord(payload=payload, source=source, location=location)


def record_from_row(row: dict[str, object], source: str, location: str) -> RawRecord:
    """One Parquet row (column -> value) as a raw record; missing values are simply absent."""
    return RawRecord(
        payload={k: v for k, v in row.items() if v is not None}, source=source, location=location
    )
