"""Understanding throughput: the fast tier per analyzer and whole command, and the accurate tier."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from benchmarks.suites.common import RUN, row


def understand(quick: bool) -> dict[str, Any]:
    from benchmarks import bench_understand as bench

    bench.N_POSTS = 2_000 if quick else 40_000
    bench.pin_to_one_core()
    cmd = RUN.format("understand")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "posts.jsonl"
        texts = bench.build_input(path)
        floor, vader = bench.io_floor(path), bench.vader_alone(texts)
        seconds = bench.per_component(texts)
        whole = bench.whole_command(path)
    n = bench.N_POSTS
    components = {k: bench.rate(n, v) for k, v in seconds.items()}
    in_process = bench.rate(n, sum(seconds.values()))
    analyzers = {k.removeprefix("analyzer "): v for k, v in components.items() if k.startswith("analyzer ")}
    rows = [
        row(
            f"`tactful analyze`, fast tier, whole process, {n:,} posts",
            whole["per_cpu_second"],
            "posts/CPU-s",
            cmd,
            peer="vaderSentiment alone",
            peer_value=vader,
            note=f"per wall second: {whole['per_wall_second']:,.0f}",
        ),
        row(
            "`tactful analyze`, fast tier, whole process vs the I/O floor",
            whole["per_cpu_second"],
            "posts/CPU-s",
            cmd,
            peer="orjson parse of the same file",
            peer_value=floor,
        ),
        row(
            "fast tier, every analyzer in process (models loaded)",
            in_process,
            "posts/CPU-s",
            cmd,
            peer="vaderSentiment alone",
            peer_value=vader,
        ),
    ]
    return {
        "rows": rows,
        "detail": {
            "posts": n,
            "io_floor": floor,
            "vader_alone": vader,
            "in_process_all_analyzers": in_process,
            "whole_command": whole,
            "components": components,
            "analyzers": analyzers,
        },
    }


def accurate(quick: bool) -> dict[str, Any]:
    from benchmarks import bench_accurate as bench
    from benchmarks import bench_understand

    n = 300 if quick else 2_000
    core = bench.pin_to_one_core()
    cmd = RUN.format("accurate")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "posts.jsonl"
        texts = bench.build_input(path, n)
        whole = bench.whole_command(path, core, len(texts))
        vader = bench_understand.vader_alone(texts)
        components = bench.per_component(texts)
    rows = [
        row(
            f"`tactful analyze --tier accurate`, whole process, {len(texts):,} posts",
            whole["posts_per_cpu_second"],
            "posts/CPU-s",
            cmd,
            peer="vaderSentiment alone",
            peer_value=vader,
            note=f"per wall second {whole['posts_per_second']:,.0f}; peak RSS {whole['peak_rss_mb']:,.0f} MB",
        ),
    ]
    return {
        "rows": rows,
        "detail": {
            "posts": len(texts),
            "whole_command": whole,
            "vader_alone": vader,
            "components": components,
        },
    }
