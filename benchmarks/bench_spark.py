"""Throughput of ``tactful enrich``: local engine with 1 and 2 processes, Spark ``local[1]``, ``local[2]``.

    python -m benchmarks.bench_spark [--posts 20000]

The input is ``n_posts`` JSON lines built from ../shared/data (airline, support and
complaint tweets, cycled with fresh ids), enriched with real models under a config
whose queries keep most of them. Each figure is posts read per second of the job,
after a warm-up that loads the models in this process (forked local workers inherit
them; Spark's Python workers load their own, inside the timed job). Spark's session
start-up is reported apart (it is paid once per application, not per post).
Spark is skipped when pyspark or Java is missing.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from tactful.config import parse_config
from tactful.engines.batch import EnrichJob
from tactful.engines.enrich_local import enrich_local
from tactful.engines.inputs import read_records
from tactful.engines.parquet_sink import DayPartitionedWriter
from tactful.pipeline import IngestReport

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SOURCES = ("airline/dev.jsonl", "support/spotify_requests.jsonl", "complaints/dev.jsonl")
CONFIG = {
    "brand": {"name": "United", "handles": {"twitter": ["united", "SpotifyCares"]}},
    "queries": [
        {
            "name": "airlines",
            "group": "brand",
            "query": "united OR @united OR @americanair OR @usairways OR @southwestair OR @jetblue "
            "OR @virginamerica",
        },
        {"name": "spotify", "group": "competitor:spotify", "query": "spotify OR @spotifycares"},
        {"name": "service", "group": "product", "query": "service OR help OR delay* OR cancel* OR refund*"},
    ],
}


def build_input(n_posts: int, folder: Path) -> Path:
    """``n_posts`` generic JSON lines from the shared data; ids made unique per cycle."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "posts.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n, record in enumerate(itertools.islice(_cycle_records(), n_posts)):
            out.write(
                json.dumps(
                    {
                        "id": str(n),
                        "text": record["text"],
                        "created_at": record.get("created_at") or record.get("created") or "2024-05-01",
                        "author": str(record.get("author_id") or n % 997),
                    }
                )
                + "\n"
            )
    return path


def _cycle_records() -> Iterator[dict[str, Any]]:
    while True:
        for name in SOURCES:
            with (SHARED_DATA / name).open(encoding="utf-8") as lines:
                yield from (json.loads(line) for line in lines)


def _timed(run: Callable[[], IngestReport]) -> dict[str, Any]:
    start = time.perf_counter()
    report = run()
    seconds = time.perf_counter() - start
    return {
        "posts": report.read,
        "written": report.stored,
        "seconds": round(seconds, 1),
        "posts_per_s": round(report.read / seconds, 1),
    }


def bench_local(job: EnrichJob, source: Path, out: Path, workers: int) -> dict[str, Any]:
    def run() -> IngestReport:
        shutil.rmtree(out, ignore_errors=True)
        with DayPartitionedWriter(out) as writer:
            return enrich_local(read_records([source]), job, writer, workers=workers)

    return _timed(run)


def bench_spark(job: EnrichJob, source: Path, out: Path, cores: int) -> dict[str, Any]:
    from tactful.engines.spark import enrich_spark, spark_session

    start = time.perf_counter()
    with spark_session(f"local[{cores}]") as spark:
        started = time.perf_counter() - start
        figures = _timed(lambda: enrich_spark(spark, [str(source)], job, str(out), parquet=False))
    return {**figures, "session_start_s": round(started, 1)}


def spark_available() -> bool:
    try:
        import pyspark  # noqa: F401
    except ModuleNotFoundError:
        return False
    return shutil.which("java") is not None or bool(os.environ.get("JAVA_HOME"))


def run(n_posts: int = 20_000) -> dict[str, Any]:
    """Posts/s of each engine setting on the same ``n_posts`` input (real models, one config)."""
    os.environ.setdefault("TACTFUL_SECRET", "benchmark-only-secret-not-for-real-data")  # unless one is set
    job = EnrichJob.build(parse_config(CONFIG))
    results: dict[str, Any] = {
        "n_posts": n_posts,
        "cpus": os.cpu_count(),
        "fallbacks": list(job.stages.fallbacks),
    }
    with tempfile.TemporaryDirectory(prefix="bench-spark-") as tmp:
        folder = Path(tmp)
        source = build_input(n_posts, folder)
        bench_local(job, build_input(200, folder / "warm"), folder / "warm-out", 1)  # models load here, once
        for workers in (1, 2):
            results[f"local_workers_{workers}"] = bench_local(
                job, source, folder / f"local{workers}", workers
            )
        for cores in (1, 2):
            key = f"spark_local_{cores}"
            results[key] = (
                bench_spark(job, source, folder / key, cores)
                if spark_available()
                else {"skipped": "pyspark or Java missing"}
            )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=20_000)
    print(json.dumps(run(parser.parse_args().posts), indent=2))


if __name__ == "__main__":
    main()
