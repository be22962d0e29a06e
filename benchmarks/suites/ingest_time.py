"""Where ingest time goes: CPU per stage, cProfile, the closing inbox sync, CLI start-up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.suites.common import ROOT, RUN, row


def profile(quick: bool) -> dict[str, Any]:
    """CPU seconds per stage of a 20,000-post ingest (no profiler), then cProfile's hottest functions."""
    from benchmarks.stage_times import stage_seconds

    n = 2_000 if quick else 20_000
    stages = stage_seconds(n)
    seconds = stages["seconds"]
    per_post = {k: v for k, v in seconds.items() if not k.startswith("set-up")}
    hottest = max(per_post, key=per_post.__getitem__)
    rows = [
        row(f"ingest CPU per post, {n:,} posts, all stages (set-up apart)", sum(per_post.values()) / n * 1000,
            "ms/post", RUN.format("profile"),
            note=f"largest: {hottest}, {per_post[hottest] / sum(per_post.values()):.0%}")
    ]  # fmt: skip
    return {"rows": rows, "detail": {**stages, "top_functions": _cprofile_top(n)}}


def _cprofile_top(n: int) -> list[dict[str, Any]]:
    """cProfile of one ``tactful ingest`` child: the functions with the most time of their own."""
    import pstats

    from benchmarks import bench_ingest as bench

    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        (scratch / "tactful.toml").write_text(bench.CONFIG, encoding="utf-8")
        bench.write_posts([scratch / "posts.jsonl"], n, bench.load_texts())
        profile_to = ["-m", "cProfile", "-o", str(scratch / "prof.out")]
        ingest_args = [str(scratch / "posts.jsonl"), "--config", str(scratch / "tactful.toml"), "--json"]
        command = [sys.executable, *profile_to, "-m", "tactful", "ingest", *ingest_args,
                   "--db", f"sqlite:///{scratch}/store.db"]  # fmt: skip
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src"),
               "TACTFUL_SECRET": bench.SECRET, "OMP_NUM_THREADS": "1"}  # fmt: skip
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        stats = pstats.Stats(str(scratch / "prof.out")).stats  # type: ignore[attr-defined]
    top = sorted(stats.items(), key=lambda item: -item[1][2])[:12]
    return [
        {
            "function": name if path == "~" else f"{Path(path).name}:{line}({name})",
            "own_s": round(values[2], 2),
            "calls": values[1],
        }
        for (path, line, name), values in top
    ]


def inbox_sync(quick: bool) -> dict[str, Any]:
    """Peak memory of the inbox sync that ends an ingest, by pending posts (it holds them all at once)."""
    from benchmarks import bench_inbox_sync as bench

    runs = [bench.measure(n) for n in ([1_000, 2_000] if quick else [10_000, 50_000])]
    per_post = runs[-1]["kb_per_pending_post"]
    rows = [
        row(f"inbox sync after an ingest, {r['pending']:,} pending posts: peak RSS", r["peak_rss_mb"], "MB",
            "python -m benchmarks.bench_inbox_sync --pending " + str(r["pending"]),
            note=f"{r['rss_before_mb']:,.0f} MB before; {r['kb_per_pending_post']} KB per pending post; "
            f"{r['cpu_s']:.1f} CPU s")
        for r in runs
    ]  # fmt: skip
    return {"rows": rows, "detail": {"runs": runs, "kb_per_pending_post": per_post}}


STARTUP_PROBE = """
import json, sys
import tactful.cli
heavy = ("numpy", "pandas", "pyarrow", "sklearn", "scipy", "onnxruntime", "pyspark", "sqlalchemy", "fastapi")
print(json.dumps(sorted(m for m in heavy if m in sys.modules)))
"""


def startup(quick: bool) -> dict[str, Any]:
    """What every ``tactful`` command pays before any work: importing the CLI (all command modules)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    runs = []
    for _ in range(1 if quick else 3):
        process = subprocess.Popen([sys.executable, "-c", STARTUP_PROBE], env=env, stdout=subprocess.PIPE)
        _, _, usage = os.wait4(process.pid, 0)
        modules = json.loads(process.stdout.read() if process.stdout else b"[]")
        cpu = round(usage.ru_utime + usage.ru_stime, 2)
        runs.append({"peak_rss_mb": round(usage.ru_maxrss / 1024, 1), "cpu_s": cpu, "heavy_modules": modules})
    best = min(runs, key=lambda r: r["cpu_s"])
    rows = [
        row("`import tactful.cli` (every command's start-up, before any work)", best["peak_rss_mb"],
            "MB peak RSS", RUN.format("startup"),
            note=f"{best['cpu_s']} CPU s (best of {len(runs)}); imports {', '.join(best['heavy_modules'])}")
    ]  # fmt: skip
    return {"rows": rows, "detail": {"runs": runs}}
