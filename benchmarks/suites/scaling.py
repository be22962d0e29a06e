"""Scaling: one vs two local processes, Spark local[1] vs local[2]."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.suites.common import ROOT, RUN, Row, row


def scaling(quick: bool) -> dict[str, Any]:
    """1 vs 2 local processes for ingest and analyze (Spark: the ``spark`` suite)."""
    from benchmarks import bench_ingest

    n = 5_000 if quick else 10_000
    one, two = bench_ingest.measure(n, None, 1, pin_single=True), bench_ingest.measure(n, None, 2)
    cmd = f"python -m benchmarks.bench_ingest --posts {n} --processes 2 (vs --processes 1)"
    rows = [
        row(
            f"ingest {n:,} posts, 2 processes (2 SQLite files)",
            two["posts_per_s"],
            "posts/s",
            cmd,
            peer="1 process",
            peer_value=one["posts_per_s"],
        )
    ]
    analyze = analyze_processes(2_000 if quick else 10_000)
    rows.append(
        row(
            f"`tactful analyze` {analyze['posts']:,} posts, 2 processes",
            analyze["two"],
            "posts/s",
            RUN.format("scaling"),
            peer="1 process",
            peer_value=analyze["one"],
        )
    )
    return {"rows": rows, "detail": {"ingest": {"one": one, "two": two}, "analyze": analyze}}


def analyze_processes(n: int) -> dict[str, Any]:
    """Wall-clock posts/s of ``tactful analyze`` over n posts: one process, then two on halves at once."""
    from benchmarks import bench_understand as bench

    bench.N_POSTS = n
    with tempfile.TemporaryDirectory() as tmp:
        whole, halves = Path(tmp) / "all.jsonl", [Path(tmp) / "a.jsonl", Path(tmp) / "b.jsonl"]
        bench.build_input(whole)
        lines = whole.read_bytes().splitlines(keepends=True)
        halves[0].write_bytes(b"".join(lines[::2]))
        halves[1].write_bytes(b"".join(lines[1::2]))
        one = n / _wall(lambda: [_analyze(whole).wait()])
        two = n / _wall(lambda: [p.wait() for p in [_analyze(h) for h in halves]])
    return {"posts": n, "one": round(one, 1), "two": round(two, 1)}


def _analyze(path: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "OMP_NUM_THREADS": "1",
    }
    from benchmarks.bench_understand import analyze_command

    return subprocess.Popen(analyze_command(path), env=env)


def _wall(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def spark(quick: bool) -> dict[str, Any]:
    return spark_scaling(1_000 if quick else 5_000)


def spark_scaling(n: int) -> dict[str, Any]:
    """``benchmarks/bench_spark.py`` (``tactful enrich``): local 1 vs 2 workers, Spark local[1] vs [2]."""
    missing = "not measured: pyspark not installed"
    try:
        from benchmarks import bench_spark  # type: ignore[attr-defined]
    except ImportError:
        return {"rows": [row("Spark local[2] vs local[1]", missing, "", RUN.format("scaling"))], "detail": {}}
    result = bench_spark.run(n)
    cmd = f"python -m benchmarks.bench_spark --posts {n}"
    rows = [
        _pair_row(f"`tactful enrich` local engine, 2 workers, {n:,} posts", result, "local_workers", cmd),
        _pair_row(f"`tactful enrich` on Spark local[2], {n:,} posts", result, "spark_local", cmd),
    ]
    return {"rows": rows, "detail": result}


def _pair_row(figure: str, result: dict[str, Any], prefix: str, command: str) -> Row:
    """Two workers/cores against one, from bench_spark's ``<prefix>_1`` and ``<prefix>_2`` entries."""
    one, two = result.get(f"{prefix}_1") or {}, result.get(f"{prefix}_2") or {}
    if "posts_per_s" not in two:
        reason = two.get("skipped", "no result")
        return row(figure, f"not measured: {reason}", "", command)
    note = f"Spark session start {two['session_start_s']} s, paid once" if "session_start_s" in two else ""
    peer = "local[1]" if prefix == "spark_local" else "1 worker"
    return row(
        figure,
        two["posts_per_s"],
        "posts/s",
        command,
        peer=peer,
        peer_value=one.get("posts_per_s"),
        note=note,
    )
