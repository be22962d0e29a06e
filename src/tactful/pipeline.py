"""Composes the stages; the only place that knows their order.

    parse -> normalise -> match brand queries -> privacy gate -> understand -> decide -> store

Every stage but ``store`` is a pure function over a batch (list in, list out),
so the same functions run in-process and inside Spark (``engines/``). Stages
may drop posts; the pipeline attributes every drop to one bucket so that

    read = stored + not_matched + withheld + duplicate + rejected

always holds (``withheld``: the privacy gate kept it out, e.g. an opted-out author).
A per-item failure inside a stage becomes a quarantined item, never a crashed batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Protocol

from tactful.errors import MappingError
from tactful.records import Post, Quarantined, StoredPost
from tactful.sources.base import RawRecord

PostStage = Callable[[list[Post]], list[Post]]
StoredStage = Callable[[list[StoredPost]], list[StoredPost]]


class PrivacyGate(Protocol):
    def __call__(self, batch: list[Post]) -> tuple[list[StoredPost], list[Post]]:
        """Return (posts allowed into storage, in stored form; posts withheld)."""


class Sink(Protocol):
    def write_batch(self, batch: list[StoredPost], quarantined: list[Quarantined]) -> int:
        """Store a batch (and its quarantined rows) in one transaction; return how many were new."""


@dataclass
class IngestReport:
    read: int = 0
    stored: int = 0
    not_matched: int = 0
    withheld: int = 0
    duplicate: int = 0
    rejected: int = 0
    rejected_reasons: dict[str, int] = field(default_factory=dict)

    def adds_up(self) -> bool:
        return self.read == self.stored + self.not_matched + self.withheld + self.duplicate + self.rejected

    def add(self, other: IngestReport) -> None:
        for name in ("read", "stored", "not_matched", "withheld", "duplicate", "rejected"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for code, n in other.rejected_reasons.items():
            self.rejected_reasons[code] = self.rejected_reasons.get(code, 0) + n


@dataclass
class MatchedBatch:
    """A batch parsed, normalised and matched: what the privacy gate will see, and the accounting so far."""

    posts: list[Post]
    quarantined: list[Quarantined]
    report: IngestReport


@dataclass
class GatedBatch:
    """A batch past the privacy gate: the posts in stored form that understand and decide will see."""

    posts: list[StoredPost]
    quarantined: list[Quarantined]
    report: IngestReport


@dataclass
class ProcessedBatch:
    """The pure part's result for one batch: what to store, and the accounting so far."""

    posts: list[StoredPost]
    quarantined: list[Quarantined]
    report: IngestReport


def parse(raws: list[RawRecord], map_item: Callable[[RawRecord], Post]) -> tuple[list[Post], list[Quarantined]]:
    posts: list[Post] = []
    quarantined: list[Quarantined] = []
    for raw in raws:
        if raw.error is not None:
            quarantined.append(Quarantined(raw.source, raw.location, raw.error, raw.error_code or "unreadable"))
            continue
        try:
            posts.append(map_item(raw))
        except MappingError as exc:
            quarantined.append(Quarantined(raw.source, raw.location, exc.message, exc.reason_code))
    return posts, quarantined


def _identity(batch: list[StoredPost]) -> list[StoredPost]:
    return batch


@dataclass
class Pipeline:
    """The stages, each a plain function; build one with ``tactful.engines.local.build_pipeline``."""

    map_item: Callable[[RawRecord], Post]
    normalise: PostStage
    match: PostStage
    privacy_gate: PrivacyGate
    understand: StoredStage = _identity
    decide: StoredStage = _identity

    def stored_key(self, key: tuple[str, str]) -> tuple[str, str]:
        """A (platform, id) key as the store holds it: the privacy gate may hash the account part
        of ids (``privacy/platform_ids.py``), so deletes and edits from a source are mapped first."""
        to_stored = getattr(self.privacy_gate, "stored_key", None)
        return to_stored(key) if to_stored is not None else key

    def process(self, raws: list[RawRecord]) -> ProcessedBatch:
        """Run every pure stage over one batch."""
        gated = self.gate(self.matched(raws))
        return self.complete(gated, self.understand(gated.posts))

    def matched(self, raws: list[RawRecord]) -> MatchedBatch:
        """Parse, normalise and match: the posts the privacy gate will see, with the accounting so far."""
        report = IngestReport(read=len(raws))
        parsed, quarantined = parse(raws, self.map_item)
        posts = self.match(self.normalise(parsed))
        report.not_matched = len(parsed) - len(posts)
        report.rejected = len(quarantined)
        for q in quarantined:
            report.rejected_reasons[q.code] = report.rejected_reasons.get(q.code, 0) + 1
        return MatchedBatch(posts, quarantined, report)

    def gate(self, matched: MatchedBatch) -> GatedBatch:
        """The privacy gate over matched posts: what may be stored, in stored form."""
        allowed, withheld = self.privacy_gate(matched.posts)
        matched.report.withheld = len(withheld)
        return GatedBatch(allowed, matched.quarantined, matched.report)

    def complete(self, gated: GatedBatch, understood: list[StoredPost]) -> ProcessedBatch:
        """Decide over understood posts: the batch is ready to store."""
        return ProcessedBatch(self.decide(understood), gated.quarantined, gated.report)

    def changes_consent(self, matched: MatchedBatch) -> bool:
        """Would gating this batch change the consent state (an opt-out request)? Then every
        earlier batch must be stored first, so that the opt-out erases it as it would in order."""
        check = getattr(self.privacy_gate, "changes_consent", None)
        return bool(check is not None and check(matched.posts))

    def run(self, raws: Iterable[RawRecord], sink: Sink, *, batch_size: int = 500,
            on_batch: Callable[[IngestReport], None] | None = None,
            understanding: Understanding | None = None) -> IngestReport:
        """Process and store a stream batch by batch, in constant memory and in input order.

        ``understanding`` runs the understand stage (by default here, one batch at a time;
        ``engines.understand_pool`` runs it in worker processes while the next batches are gated).
        """
        understanding = understanding or InProcess(self.understand)
        total = IngestReport()

        def store(done: tuple[GatedBatch, list[StoredPost]]) -> None:
            batch = self.complete(*done)
            new = sink.write_batch(batch.posts, batch.quarantined)
            batch.report.stored = new
            batch.report.duplicate = len(batch.posts) - new
            total.add(batch.report)
            if on_batch is not None:
                on_batch(batch.report)

        for chunk in batched(raws, batch_size):
            matched = self.matched(chunk)
            if understanding.busy() and self.changes_consent(matched):
                for done in understanding.drain():
                    store(done)
            for done in understanding.submit(self.gate(matched)):
                store(done)
        for done in understanding.drain():
            store(done)
        return total


class Understanding(Protocol):
    """Runs the understand stage over gated batches and hands them back in submission order."""

    def submit(self, gated: GatedBatch) -> Iterator[tuple[GatedBatch, list[StoredPost]]]:
        """Take a batch; yield the batches (with their understood posts) that are ready to store."""

    def drain(self) -> Iterator[tuple[GatedBatch, list[StoredPost]]]:
        """Yield every batch still in flight, in order."""

    def busy(self) -> bool:
        """Is any batch still in flight?"""


@dataclass
class InProcess:
    """The understand stage here and now: each batch is ready as soon as it is submitted."""

    understand: StoredStage

    def submit(self, gated: GatedBatch) -> Iterator[tuple[GatedBatch, list[StoredPost]]]:
        yield gated, self.understand(gated.posts)

    def drain(self) -> Iterator[tuple[GatedBatch, list[StoredPost]]]:
        return iter(())

    def busy(self) -> bool:
        return False


def batched(items: Iterable[RawRecord], size: int) -> Iterator[list[RawRecord]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
