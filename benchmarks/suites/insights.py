"""Dashboard aggregates at 1,000,000 posts."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

from benchmarks.suites.common import RUN, row


def insights(quick: bool) -> dict[str, Any]:
    from benchmarks import bench_insights as bench

    n, runs = (20_000, 3) if quick else (1_000_000, 7)
    started = time.perf_counter()
    path = bench.cached_store(n)
    generated_s = time.perf_counter() - started
    timings = bench.measure(f"sqlite:///{path}", runs, bench.START + timedelta(days=bench.DAYS))
    cmd = RUN.format("insights") + f" (bench_insights.py --posts {n} --runs {runs})"
    worst = max(timings, key=lambda t: t[2])
    rows = [
        row(
            f"dashboard aggregates on {n:,} posts (SQLite): slowest p95 ({worst[0]})",
            round(worst[2], 1),
            "ms",
            cmd,
            note=f"{len(timings)} aggregates; every one in the detail table",
        )
    ]
    detail = {
        "posts": n,
        "runs": runs,
        "store_generated_s": round(generated_s, 1),
        "aggregates": [
            {"name": name, "p50_ms": round(p50, 1), "p95_ms": round(p95, 1), "cpu_p50_ms": round(cpu, 1)}
            for name, p50, p95, cpu in timings
        ],
    }
    return {"rows": rows, "detail": detail}
