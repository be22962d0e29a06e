"""The understand stage in worker processes: same store, same accounting, consent kept in order."""

from __future__ import annotations

import os

import pytest

from tactful.engines.local import build_stages, pipeline_for
from tactful.engines.understand_pool import UnderstandPool, default_workers
from tactful.store import open_store

from .conftest import FakeSource

QUIET = "quiet.bsky.social"


def posts_source() -> FakeSource:
    """Brand posts by several authors, an unreadable line, a duplicate; QUIET posts first and later
    asks to be opted out (its earlier posts must be erased, its later ones never stored)."""
    payloads: list = []
    for i in range(1, 25):
        author = QUIET if i in (2, 5) else f"user{i % 4}.bsky.social"
        payloads.append({"id": i, "text": f"@acme.bsky.social my order {i} never arrived", "author": author})
        if i == 9:
            payloads.append({"id": 100, "text": "@acme.bsky.social stop listening to me", "author": QUIET})
        if i == 12:
            payloads += [None, {"id": 3, "text": "@acme.bsky.social my order 3 never arrived"}]
    payloads.append({"id": 101, "text": "acme again, still waiting", "author": QUIET})
    return FakeSource(payloads)


def ingest(tmp_path, config, name: str, workers: int, batch_size: int):
    source = posts_source()
    with open_store(f"sqlite:///{tmp_path / name}") as store:
        stages = build_stages(config, store=store)
        pipeline = pipeline_for(source, stages)
        if workers:
            with UnderstandPool(stages.understand, workers) as understanding:
                report = pipeline.run(source.read(), store, batch_size=batch_size, understanding=understanding)
        else:
            report = pipeline.run(source.read(), store, batch_size=batch_size)
        stored = sorted(
            (p.platform_id, p.author_pseudonym, p.text, p.analysis.intent.label, p.decision.action)
            for p in store.iter_posts()
        )
    return report, stored


@pytest.mark.parametrize(("workers", "batch_size"), [(1, 1), (2, 1), (2, 4)])
def test_a_pool_stores_what_an_in_process_run_stores(tmp_path, config, real_understand, workers, batch_size):
    expected_report, expected = ingest(tmp_path, config, "here.db", 0, batch_size)
    report, stored = ingest(tmp_path, config, f"pool-{workers}-{batch_size}.db", workers, batch_size)
    assert report == expected_report and report.adds_up()
    assert stored == expected
    assert {label for *_, label, _ in stored} >= {"complaint"}  # the models ran, in the workers


def test_an_opt_out_request_erases_the_posts_still_in_flight(tmp_path, config, real_understand):
    report, stored = ingest(tmp_path, config, "pool.db", 2, 1)
    ids = {post_id for post_id, *_ in stored}
    assert {"2", "5", "100", "101"}.isdisjoint(ids)  # before, the request itself, after
    assert {"1", "3", "24"} <= ids
    assert (report.read, report.withheld, report.duplicate, report.rejected) == (28, 2, 1, 1)


def test_the_stage_runs_in_another_process(config):
    def where(posts):
        return [os.getpid()] * len(posts)

    with UnderstandPool(where, 1) as pool:
        from tactful.pipeline import GatedBatch, IngestReport

        done = [*pool.submit(GatedBatch(["a", "b"], [], IngestReport())), *pool.drain()]
    assert len(done) == 1 and done[0][1][0] != os.getpid()


@pytest.mark.parametrize(
    ("input_bytes", "cores", "workers"),
    [(1_000, 8, 0), (49_999_999, 2, 0), (50_000_000, 1, 0), (50_000_000, 2, 1), (10**9, 16, 4)],
)
def test_default_workers_leave_small_inputs_in_process(input_bytes, cores, workers):
    assert default_workers(input_bytes, cores=cores) == workers
