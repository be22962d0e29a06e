"""Throughput and memory of the accurate tier on ONE core: ``python -m benchmarks.bench_accurate``.

Builds a JSON Lines file of real posts from the public data (in a temp dir,
never in the repo; SemEval tweets, airline tweets and support requests
interleaved) and measures, single-threaded and pinned to one core:

* the encoder alone (tokenise + MiniLM int8 + pooling), in the shipped chunking;
* each accurate-tier feature block and analyzer, in batches of 256;
* the whole ``tactful analyze --tier accurate`` process (start-up and model
  load included), with its peak resident memory.

Prints a markdown table (copied into docs/models.md) and writes JSON to
``benchmarks/results/accurate.json``. ``--posts N`` changes the size (default 4,000).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"
os.environ["TACTFUL_ENCODER_THREADS"] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from itertools import zip_longest  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("TACTFUL_SHARED_DATA") or ROOT.parent / "shared" / "data")
BATCH = 256
RESULTS = ROOT / "benchmarks" / "results" / "accurate.json"
SOURCES = ("tweeteval/sentiment/train.jsonl", "airline/dev.jsonl", "support/spotify_requests.jsonl")


def pin_to_one_core() -> int:
    core = sorted(os.sched_getaffinity(0))[0]
    os.sched_setaffinity(0, {core})
    return core


def build_input(path: Path, n_posts: int) -> list[str]:
    """``n_posts`` real posts, taken in turn from each source so every kind of post is represented."""
    columns = []
    for relative in SOURCES:
        with (DATA / relative).open(encoding="utf-8") as handle:
            columns.append([json.loads(line)["text"] for line in handle])
    texts = [t for row in zip_longest(*columns) for t in row if t is not None][:n_posts]
    with path.open("w", encoding="utf-8") as handle:
        handle.writelines(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts))
    return texts


def per_component(texts: list[str]) -> dict[str, float]:
    """Posts per second of each feature block and analyzer (batches of 256, models already loaded)."""
    from tactful.records import Analysis
    from tactful.understand.api import Understander
    from tactful.understand.batch import Batch, Request

    settings, analyzers = Understander(tier="accurate", aspects="airline")._load()  # noqa: SLF001
    settings.bundle.featurizer.transform_prepared(["warm up"])
    seconds: dict[str, float] = {}
    for start in range(0, len(texts), BATCH):
        batch = Batch([Request(t) for t in texts[start:start + BATCH]], settings.bundle)
        for block in ("embedding", "tfidf", "vader", "cues", *(f"head:{h}" for h in settings.bundle.heads)):
            _timed(seconds, f"block {block}", lambda b=block, batch=batch: batch.block(b))
        analyses = [Analysis(tier="accurate") for _ in batch.requests]
        for analyzer in analyzers:
            _timed(seconds, f"analyzer {analyzer.name}",
                   lambda a=analyzer, batch=batch, analyses=analyses: a.analyze(batch, analyses))
    return {name: round(len(texts) / s, 1) for name, s in seconds.items()}


def _timed(seconds: dict[str, float], key: str, function) -> None:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    function()
    seconds[key] = seconds.get(key, 0.0) + time.perf_counter() - started


def whole_command(path: Path, core: int, n_posts: int) -> dict[str, float]:
    command = ["taskset", "-c", str(core), sys.executable, "-m", "tactful", "analyze", "--input", str(path),
               "--output", os.devnull, "--brand-handle", "@united", "--aspects", "airline",
               "--tier", "accurate"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    started = time.perf_counter()
    subprocess.run(command, check=True, env=env)
    elapsed = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_seconds = usage.ru_utime + usage.ru_stime
    # Posts per CPU-second is what one core gives when it is not shared; on a
    # busy machine the wall-clock rate is lower by the share other work takes.
    return {"posts_per_second": round(n_posts / elapsed, 1), "seconds": round(elapsed, 1),
            "posts_per_cpu_second": round(n_posts / cpu_seconds, 1),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "load_average_1min": round(os.getloadavg()[0], 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description="Accurate-tier throughput on one core.")
    parser.add_argument("--posts", type=int, default=4000)
    args = parser.parse_args()
    core = pin_to_one_core()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "posts.jsonl"
        texts = build_input(path, args.posts)
        command = whole_command(path, core, len(texts))
        components = per_component(texts)
    results = {"posts": len(texts), "whole_command": command, "components": components}
    print("| measured (1 core) | posts/s |\n|---|---|")
    print(f"| whole `tactful analyze --tier accurate` ({len(texts)} posts, peak RSS "
          f"{command['peak_rss_mb']} MB, load {command['load_average_1min']}) | "
          f"{command['posts_per_second']} "
          f"(per CPU-second: {command['posts_per_cpu_second']}) |")
    for name, value in components.items():
        print(f"| {name} | {value} |")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
