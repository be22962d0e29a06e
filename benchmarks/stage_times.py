"""CPU seconds per pipeline stage of one ``tactful ingest``, without a profiler's overhead.

    python -m benchmarks.stage_times [--posts 20000]

Runs what ``tactful ingest`` runs (same config as bench_ingest, a fresh SQLite store)
in this process, each stage wrapped to add up its ``process_time``: cProfile slows
pure-Python code (regex compilation, SQLAlchemy) far more than C code (numpy,
sqlite3), so its shares mislead; these do not.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import bench_ingest


def timed(seconds: dict[str, float], name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            seconds[name] = seconds.get(name, 0.0) + time.process_time() - started

    return wrapper


def stage_seconds(n_posts: int) -> dict[str, Any]:
    from tactful.cli.ingest import open_sources
    from tactful.config import load_config
    from tactful.engines.local import build_stages, pipeline_for, sync_inbox
    from tactful.store import open_store

    os.environ["TACTFUL_SECRET"] = bench_ingest.SECRET
    seconds: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="tactful-bench-stages-") as tmp:
        scratch = Path(tmp)
        (scratch / "tactful.toml").write_text(bench_ingest.CONFIG, encoding="utf-8")
        bench_ingest.write_posts([scratch / "posts.jsonl"], n_posts, bench_ingest.load_texts())
        settings = load_config(scratch / "tactful.toml")
        with open_store(f"sqlite:///{scratch}/store.db") as store:
            stages = timed(seconds, "set-up: compile queries, policy, keyring", build_stages)(
                settings, store=store
            )
            understander = getattr(stages.understand, "keywords", {}).get("understander")
            if understander is not None:
                timed(seconds, "set-up: load the fast-tier models", understander._load)()  # noqa: SLF001
            stages = dataclasses.replace(stages, **{
                name: timed(seconds, label, getattr(stages, name)) for name, label in (
                    ("normalise", "normalise"), ("match", "match queries"),
                    ("privacy_gate", "privacy gate (redaction, pseudonyms, consent)"),
                    ("understand", "understand, fast tier"), ("decide", "decide (policy)"))
            })  # fmt: skip
            [source] = open_sources([str(scratch / "posts.jsonl")], None, [])
            pipeline = pipeline_for(source, stages)
            pipeline.map_item = timed(seconds, "parse: map each record to a Post", pipeline.map_item)
            store.write_batch = timed(seconds, "store.write_batch", store.write_batch)  # type: ignore[method-assign]
            started = time.process_time()
            report = pipeline.run(source.read(), store, batch_size=500)
            pipeline_s = time.process_time() - started
            taken = timed(seconds, "inbox sync (after the last batch)", sync_inbox)(store)
    inside = sum(v for k, v in seconds.items() if not k.startswith(("set-up", "inbox")))
    seconds["read the file, JSON decode, batching (the rest)"] = pipeline_s - inside
    return {
        "posts": n_posts,
        "stored": report.stored,
        "inbox_taken": taken,
        "seconds": {k: round(v, 3) for k, v in seconds.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=20_000)
    print(json.dumps(stage_seconds(parser.parse_args().posts), indent=1))


if __name__ == "__main__":
    main()
