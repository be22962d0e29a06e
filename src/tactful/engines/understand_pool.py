"""The understand stage in worker processes, while the main process gates and stores.

    with UnderstandPool(stages.understand, workers=1) as understanding:
        pipeline.run(source.read(), store, understanding=understanding)

The models are the largest share of an ingest's CPU time and the only stage that
needs neither the store nor the order of posts, so it is the one moved out: the
main process keeps parsing, matching, the privacy gate (which reads and writes the
consent state), deciding and writing, in input order. Each worker loads the models
once. At most ``2 * workers`` batches are in flight; a batch is handed back only
when every batch before it has been, so stored order and accounting match an
in-process run exactly (the tests compare them).

Workers are forked (``python -m tactful`` runs the CLI on import, so spawned
children would re-run it); the stage is set before the fork and never pickled.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from types import TracebackType

from tactful.pipeline import GatedBatch, StoredStage
from tactful.records import StoredPost

Ready = tuple[GatedBatch, list[StoredPost]]

_worker_stage: StoredStage | None = None  # inherited by each forked worker


class UnderstandPool:
    def __init__(self, understand: StoredStage, workers: int) -> None:
        if workers < 1:
            raise ValueError("an understand pool needs at least one worker")
        self.understand = understand
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._pending: deque[tuple[GatedBatch, Future[list[StoredPost]]]] = deque()

    def __enter__(self) -> UnderstandPool:
        global _worker_stage
        _worker_stage = self.understand
        self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"))
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        assert self._pool is not None
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._pending.clear()

    def submit(self, gated: GatedBatch) -> Iterator[Ready]:
        assert self._pool is not None, "use the pool as a context manager"
        future = self._pool.submit(_understand_in_worker, gated.posts)
        self._pending.append((gated, future))
        while len(self._pending) > 2 * self.workers:
            yield self._next()

    def drain(self) -> Iterator[Ready]:
        while self._pending:
            yield self._next()

    def busy(self) -> bool:
        return bool(self._pending)

    def _next(self) -> Ready:
        gated, future = self._pending.popleft()
        return gated, future.result()


def _understand_in_worker(posts: list[StoredPost]) -> list[StoredPost]:
    assert _worker_stage is not None, "set by UnderstandPool before the fork"
    return _worker_stage(posts)


def default_workers(input_bytes: int, *, cores: int | None = None, threshold: int = 50_000_000) -> int:
    """Understand workers for an ingest: none for small inputs (starting a worker and loading its
    models costs about a second), else one fewer than the cores (the main process keeps one)."""
    cores = cores if cores is not None else len(os.sched_getaffinity(0))
    if input_bytes < threshold or cores < 2:
        return 0
    return min(cores - 1, 4)
