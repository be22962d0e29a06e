"""Running one live source: batches through the pipeline, committed with their cursor, health kept.

Per batch, in one database transaction: the posts it produced, its quarantined
rows, the keys it removes (deleted upstream, or replaced by an edit) and the
cursor of its last record. A crash therefore never moves the cursor past data
that was not stored; on restart the source resumes from the committed cursor
(Jetstream rewinds a few seconds more) and the store absorbs the duplicates.

Within a batch only the last event for each post counts: ``create`` then
``delete`` stores nothing, ``create`` then ``update`` stores the edit. Posts
deleted upstream also go through the privacy layer's deletion (``erase``):
tombstoned so no re-import brings them back, inbox and vault entries erased,
audited. It runs inside the batch's transaction, so a delete is applied exactly
when the cursor moves past it: never ahead of the cursor, never behind. The
same transaction checks the tombstones once more (``admit``), under the batch's
key locks: a post another listener erased after this batch's consent gate ran
stays out.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

import sqlalchemy as sa
import structlog

from tactful.pipeline import IngestReport, Pipeline
from tactful.records import utcnow
from tactful.sources.base import RawRecord
from tactful.sources.health import SourceHealth, check_quiet, needs_alert, on_error, on_events, on_stop
from tactful.sources.live import BatchInterrupted, Link, LiveSource, operation
from tactful.store import Store
from tactful.store.source_health import save_health
from tactful.store.store import Admit

log = structlog.get_logger(__name__)

Key = tuple[str, str]
# The privacy layer's deletion of posts deleted upstream, inside the caller's transaction; returns how
# many stored posts it erased (``sources.listen.privacy_eraser``).
Eraser = Callable[[sa.Connection, list[Key]], int]


@dataclass
class ListenReport:
    ingest: IngestReport = field(default_factory=IngestReport)
    removed: int = 0  # posts deleted here because they were deleted (or replaced) upstream
    deletes: int = 0  # delete events received
    batches: int = 0


@dataclass
class BatchPlan:
    """What one batch does to the store: the records to run through the pipeline, the keys to remove."""

    writes: list[RawRecord]
    remove: list[Key]  # deleted upstream, or replaced by an edit
    cursor: str | None
    deletes: int
    deleted: list[Key] = field(default_factory=list)  # deleted upstream (their last event is a delete)


def plan_batch(batch: list[RawRecord], key_of: Callable[[RawRecord], Key | None]) -> BatchPlan:
    """Keep only each post's last event; removals for deletes and edits (pure)."""
    last: dict[Key, int] = {}
    for index, raw in enumerate(batch):
        key = key_of(raw) if raw.error is None and operation(raw) != "skip" else None
        if key is not None:
            last[key] = index
    writes = [raw for index, raw in enumerate(batch) if _is_final_write(raw, index, key_of, last)]
    remove = [key for key, index in last.items() if operation(batch[index]) in ("delete", "update")]
    cursors = [raw.cursor for raw in batch if raw.cursor is not None]
    deletes = sum(1 for raw in batch if operation(raw) == "delete")
    deleted = [key for key, index in last.items() if operation(batch[index]) == "delete"]
    return BatchPlan(writes, remove, cursors[-1] if cursors else None, deletes, deleted)


def _is_final_write(
    raw: RawRecord, index: int, key_of: Callable[[RawRecord], Key | None], last: dict[Key, int]
) -> bool:
    if operation(raw) == "skip":
        return False
    key = key_of(raw) if raw.error is None else None
    if key is None:
        return True  # unreadable or unkeyed: parse quarantines it
    return operation(raw) != "delete" and last[key] == index


class LiveRunner:
    """Reads a live source until ``link.stop`` is set, committing batch by batch."""

    def __init__(
        self,
        source: LiveSource,
        pipeline: Pipeline,
        store: Store,
        *,
        link: Link | None = None,
        clock: Callable[[], datetime] = utcnow,
        erase: Eraser | None = None,
        admit: Admit | None = None,
    ) -> None:
        self.source = source
        self.pipeline = replace(
            pipeline, match=lambda batch: source.enrich_matched(pipeline.match(batch), self.link)
        )
        self.store = store
        self.erase = erase  # the privacy layer's deletion (tombstones, inbox, vault, audit), if installed
        self.admit = admit  # its last tombstone check, inside the batch's transaction
        self.link = link or Link()
        self.link.failed = self._failed
        self.link.stored_ids = lambda platform, after, limit: store.platform_ids(
            platform, after=after, limit=limit
        )
        self.clock = clock
        self.health = SourceHealth(source.source_name, updated_at=clock())
        self.report = ListenReport()

    def run(self) -> ListenReport:
        settings = self.source.settings
        resume = self.store.get_cursor(self.source.source_name)
        log.info("listen.start", source=self.source.source_name, resuming=resume is not None)
        save_health(self.store, self.health)
        pending: list[RawRecord] = []
        oldest = 0.0
        for item in self.source.events(resume, self.link):
            if isinstance(item, RawRecord):
                oldest = oldest if pending else time.monotonic()
                pending.append(item)
            elif not pending:
                self._check_quiet()
            due = time.monotonic() - oldest >= settings.flush_seconds
            if pending and (len(pending) >= settings.batch_size or due or not isinstance(item, RawRecord)):
                self.commit(pending)
                pending = []
            if self.link.stop.is_set():
                break
        if pending:
            self.commit(pending)
        self._set_health(on_stop(self.health, self.clock()))
        log.info("listen.stop", source=self.source.source_name, batches=self.report.batches)
        return self.report

    def commit(self, batch: list[RawRecord]) -> None:
        """Process and store one batch; a failing database is retried (the batch is kept, not dropped)."""
        plan = plan_batch(batch, self.source.record_key)
        try:
            done = self.pipeline.process(plan.writes)
        except BatchInterrupted:
            log.info("listen.batch_left", source=self.source.source_name, records=len(batch))
            return  # stopped mid-lookup: uncommitted, so it replays on the next start
        cursor = (self.source.source_name, plan.cursor) if plan.cursor is not None else None
        erase = in_batch(self.erase, plan.deleted)
        attempt = 0
        while True:
            try:
                new = self.store.write_batch(
                    done.posts,
                    done.quarantined,
                    cursor=cursor,
                    remove=[self.pipeline.stored_key(key) for key in plan.remove],
                    first=erase,
                    admit=self.admit,
                )
                break
            except Exception as exc:  # the database went away: keep the batch, back off, try again
                attempt += 1
                self._failed(f"store:{type(exc).__name__}")
                if not self.link.sleep(self.link.retry_delay(attempt)):
                    raise
        self._account(done.report, new, len(done.posts), plan)
        self._set_health(on_events(self.health, len(batch), _newest_event_time(batch), self.clock()))

    def _account(self, report: IngestReport, new: int, candidates: int, plan: BatchPlan) -> None:
        report.stored = new
        report.duplicate = candidates - new
        self.report.ingest.add(report)
        self.report.deletes += plan.deletes
        self.report.removed += len(plan.remove)
        self.report.batches += 1
        log.info(
            "listen.batch",
            source=self.source.source_name,
            read=report.read,
            stored=new,
            duplicate=report.duplicate,
            rejected=report.rejected,
            removed=len(plan.remove),
        )

    def _failed(self, reason: str) -> None:
        self._set_health(on_error(self.health, reason, self.clock()))

    def _check_quiet(self) -> None:
        quiet_after = self.source.settings.quiet_after_seconds
        self._set_health(check_quiet(self.health, self.clock(), quiet_after_seconds=quiet_after))

    def _set_health(self, health: SourceHealth) -> None:
        before, self.health = self.health, health
        if needs_alert(before, health):
            log.warning("source.alert", source=health.source, state=health.state, reason=health.last_error)
        if before != health:
            try:
                save_health(self.store, health)
            except Exception as exc:  # health is advisory: never let it stop ingestion
                log.warning("source.health_unsaved", source=health.source, error=type(exc).__name__)


def in_batch(erase: Eraser | None, deleted: list[Key]) -> Callable[[sa.Connection], object] | None:
    """Deleting ``deleted`` as a step of the batch's own transaction (``Store.write_batch(first=...)``)."""
    if erase is None or not deleted:
        return None
    return lambda conn: erase(conn, deleted)


def _newest_event_time(batch: list[RawRecord]) -> datetime | None:
    times = [raw.meta["event_time"] for raw in batch if isinstance(raw.meta.get("event_time"), datetime)]
    return max(times) if times else None
