"""Throughput of the fast understanding tier on ONE core: ``python -m benchmarks.bench_understand``.

Builds a 40,000-post JSON Lines file from the public data (in a temp dir,
never in the repo) and measures, single-threaded and pinned to one core:

* the I/O floor: parsing every line with orjson and nothing else;
* vaderSentiment alone over the same texts (the classic lexicon baseline);
* each component and analyzer of the fast tier, in batches of 256;
* the whole ``tactful analyze`` process (start-up and model load included).

Rates are per CPU second of the single-threaded process (``process_time``,
``getrusage``), so a machine shared with other jobs does not distort them;
the whole command is also reported per wall-clock second.

Prints a markdown table (copied into docs/models.md) and writes JSON to
``benchmarks/results/understand.json``.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import json  # noqa: E402
import resource  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

import orjson  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # this checkout's tactful, installed or not
DATA = Path(os.environ.get("TACTFUL_SHARED_DATA") or ROOT.parent / "shared" / "data")
N_POSTS = 40_000
BATCH = 256
RESULTS = ROOT / "benchmarks" / "results" / "understand.json"


def pin_to_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def build_input(path: Path) -> list[str]:
    """40,000 real posts: SemEval tweets, airline tweets, support requests (cycled if short)."""
    texts: list[str] = []
    for relative in (
        "tweeteval/sentiment/train.jsonl",
        "airline/dev.jsonl",
        "support/spotify_requests.jsonl",
    ):
        with (DATA / relative).open(encoding="utf-8") as handle:
            texts.extend(json.loads(line)["text"] for line in handle)
    texts = (texts * (N_POSTS // len(texts) + 1))[:N_POSTS]
    with path.open("wb") as handle:
        for i, text in enumerate(texts):
            handle.write(orjson.dumps({"id": i, "text": text}) + b"\n")
    return texts


def rate(n: int, seconds: float) -> float:
    return n / seconds if seconds else float("inf")


def timed(function: Callable[[], object]) -> float:
    """CPU seconds of this (single-threaded) process: fair on a machine shared with other jobs."""
    started = time.process_time()
    function()
    return time.process_time() - started


def io_floor(path: Path) -> float:
    def parse() -> None:
        with path.open("rb") as handle:
            for line in handle:
                orjson.loads(line)

    return rate(N_POSTS, timed(parse))


def vader_alone(texts: list[str]) -> float:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    return rate(len(texts), timed(lambda: [analyzer.polarity_scores(t) for t in texts]))


def per_component(texts: list[str]) -> dict[str, float]:
    """Seconds per component over all texts: batch set-up, feature blocks, heads, then each analyzer."""
    from tactful.records import Analysis
    from tactful.understand.api import Understander
    from tactful.understand.batch import Batch, Request

    understander = Understander(brand_handles=["united", "spotifycares"], aspects="airline")
    settings, analyzers = understander._load()  # noqa: SLF001 (a benchmark may look inside)
    seconds: dict[str, float] = {}
    for start in range(0, len(texts), BATCH):
        chunk = [Request(t) for t in texts[start : start + BATCH]]
        began = time.perf_counter()
        batch = Batch(chunk, settings.bundle)
        _add(seconds, "normalise (batch set-up)", time.perf_counter() - began)
        for block in ("tfidf", "vader", "cues", *(f"head:{h}" for h in settings.bundle.heads)):
            _add(seconds, f"block {block}", timed(lambda b=block, bt=batch: bt.block(b)))
        analyses = [Analysis() for _ in chunk]
        for analyzer in analyzers:
            _add(
                seconds,
                f"analyzer {analyzer.name}",
                timed(lambda a=analyzer, bt=batch, an=analyses: a.analyze(bt, an)),
            )
    return seconds


def _add(seconds: dict[str, float], key: str, value: float) -> None:
    seconds[key] = seconds.get(key, 0.0) + value


def analyze_command(path: Path) -> list[str]:
    """The measured command: ``tactful analyze`` of ``path`` with airline settings, output discarded."""
    return [sys.executable, "-m", "tactful", "analyze", "--input", str(path), "--output", os.devnull,
            "--brand-handle", "@united", "--aspects", "airline"]  # fmt: skip


def whole_command(path: Path) -> dict[str, float]:
    """posts/s of a whole ``tactful analyze`` process: per CPU second and per wall second."""
    command = analyze_command(path)
    if sys.platform.startswith("linux"):
        command = ["taskset", "-c", str(sorted(os.sched_getaffinity(0))[0]), *command]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"per_cpu_second": rate(N_POSTS, cpu), "per_wall_second": rate(N_POSTS, wall)}


def main() -> int:
    if not DATA.is_dir():
        print(f"bench_understand: public data not found at {DATA}; skipped")
        return 0
    pin_to_one_core()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "posts.jsonl"
        texts = build_input(path)
        results = {
            "posts": N_POSTS,
            "io_floor_posts_per_s": io_floor(path),
            "vader_alone_posts_per_s": vader_alone(texts),
        }
        components = per_component(texts)
        results["components_posts_per_s"] = {k: rate(N_POSTS, v) for k, v in components.items()}
        results["in_process_all_analyzers_posts_per_s"] = rate(N_POSTS, sum(components.values()))
        whole = whole_command(path)
        results["tactful_analyze_posts_per_s"] = whole["per_cpu_second"]
        results["tactful_analyze_posts_per_wall_s"] = whole["per_wall_second"]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print("| what (one core) | posts/s |\n|---|---|")
    for key in (
        "io_floor_posts_per_s",
        "vader_alone_posts_per_s",
        "in_process_all_analyzers_posts_per_s",
        "tactful_analyze_posts_per_s",
    ):
        print(f"| {key} | {results[key]:,.0f} |")
    for key, value in results["components_posts_per_s"].items():
        print(f"| {key} | {value:,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
