"""The measurements ``python -m benchmarks.run`` makes, one function per suite.

Each suite returns ``{"rows": [...], "detail": {...}}``. A row is one figure of the
summary table: ``figure``, ``value``, ``unit``, optionally ``peer`` and ``peer_value``
(the same thing measured side by side in the same run; the ratio is computed when
the table is rendered), ``note`` and ``command`` (what reproduces it). ``detail``
keeps everything else the suite measured, for the detail tables.

Suites run in a child process (``run.py``): some pin themselves to one core.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

RUN = "python -m benchmarks.run --only {}"
Row = dict[str, Any]


def row(figure: str, value: float | str | None, unit: str, command: str, **extra: Any) -> Row:
    return {"figure": figure, "value": value, "unit": unit, "command": command, **extra}


# --- 1. understanding ------------------------------------------------------------------------


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


# --- 2. PII ----------------------------------------------------------------------------------

PRESIDIO_PYTHON = os.environ.get("TACTFUL_PRESIDIO_PYTHON", "/work/venv-presidio/bin/python")


def presidio_available(python: str = PRESIDIO_PYTHON) -> bool:
    if not Path(python).exists():
        return False
    done = subprocess.run([python, "-c", "import presidio_analyzer, spacy"], capture_output=True, check=False)
    return done.returncode == 0


def pii(quick: bool) -> dict[str, Any]:
    os.environ["TACTFUL_BENCH_PII_ROUNDS"] = "3"  # Presidio runs ~100 posts/s: 7 rounds of 1,000 is minutes
    from tests.privacy.cases.non_pii_cases import BRAND_HANDLES as NON_PII_BRAND
    from tests.privacy.cases.pii_cases import BRAND_HANDLES

    from benchmarks import bench_pii as bench

    texts = [r[0] for r in bench.labelled_set()]
    tweets = _support_tweets(bench.SHARED_TWEETS, 300 if quick else 1_000)
    brand = tuple(dict.fromkeys(BRAND_HANDLES + NON_PII_BRAND))
    _, ours = bench.run_tactful(texts, brand, tweets)
    theirs: dict[str, Any] | str = "not installed"
    if presidio_available():
        with tempfile.TemporaryDirectory() as tmp:
            tweets_file = Path(tmp) / "tweets.jsonl"
            tweets_file.write_text("".join(json.dumps({"text": t}) + "\n" for t in tweets), encoding="utf-8")
            theirs = bench.run_presidio(PRESIDIO_PYTHON, texts, tweets_file if tweets else None)
            theirs.pop("predictions", None)
    cmd = RUN.format("pii")
    rows = []
    for key, label in (
        ("tweets_per_s", f"{len(tweets):,} real support tweets"),
        ("posts_per_s", f"labelled PII set ({len(texts)} texts)"),
    ):
        if key in ours:
            peer_value = theirs if isinstance(theirs, str) else theirs.get(key)
            rows.append(
                row(
                    f"PII detection, {label}, 1 thread, best of {bench.ROUNDS}",
                    ours[key],
                    "posts/s",
                    cmd,
                    peer="Presidio AnalyzerEngine (blank spaCy)",
                    peer_value=peer_value,
                )
            )
    return {
        "rows": rows,
        "detail": {"tactful": ours, "presidio": theirs, "labelled_texts": len(texts), "tweets": len(tweets)},
    }


def _support_tweets(path: Path, n: int) -> list[str]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line)["text"] for _, line in zip(range(n), handle, strict=False)]


# --- 3. query matching -----------------------------------------------------------------------


def query(quick: bool) -> dict[str, Any]:
    from benchmarks import bench_query as bench

    n_posts, counts, naive = (5_000, [100, 1_000], 200) if quick else (100_000, [1_000, 10_000], 1_000)
    texts = bench.load_texts()
    posts = bench.make_posts(texts, n_posts)
    vocabulary = bench.brand_vocabulary(texts)
    results = [bench.measure(bench.generate_queries(n, vocabulary), posts, naive) for n in counts]
    cmd = RUN.format("query")
    rows = [
        row(
            f"query matching, {r['queries']:,} queries vs {r['posts']:,} posts",
            r["fast_rate"],
            "posts/CPU-s",
            cmd,
            peer=f"naive (every query on every post, {r['naive_posts']:,} posts)",
            peer_value=r["naive_rate"],
            note=f"compile {r['compile_s']:.2f} s; {r['matched']:,} posts matched",
        )
        for r in results
    ]
    return {"rows": rows, "detail": {"runs": results}}


# --- 4, 6, 7. ingest ---------------------------------------------------------------------------

INGEST_CMD = "python -m benchmarks.bench_ingest --posts {n}{url}"


def ingest(quick: bool) -> dict[str, Any]:
    """1,000,000 posts into SQLite: the headline figure (target: under 15 minutes, peak RSS under 1 GB)."""
    return _sqlite_runs([5_000] if quick else [1_000_000], deadline_s=_deadline())


def _deadline() -> float | None:
    """TACTFUL_BENCH_DEADLINE_S: stop a long ingest there and report it as partial (a shared machine)."""
    value = os.environ.get("TACTFUL_BENCH_DEADLINE_S")
    return float(value) if value else None


def growth(quick: bool) -> dict[str, Any]:
    """10k and 100k posts into SQLite; the doc's growth table adds the 1M run of ``ingest``."""
    return _sqlite_runs([1_000, 2_000] if quick else [10_000, 100_000])


def _sqlite_runs(sizes: list[int], deadline_s: float | None = None) -> dict[str, Any]:
    from benchmarks import bench_ingest as bench

    runs = [bench.measure(n, None, deadline_s=deadline_s) for n in sizes]
    rows = [_ingest_row(r, INGEST_CMD.format(n=r["posts"], url="")) for r in runs]
    return {"rows": rows, "detail": {"runs": runs}}


def ingest_postgres(quick: bool) -> dict[str, Any]:
    from benchmarks import bench_ingest as bench

    url = _postgres_url()
    if url is None:
        return {
            "rows": [row("ingest into PostgreSQL", "not measured: PostgreSQL not available", "", "")],
            "detail": {},
        }
    # 50k, not 1M: on the shared 2-core machine 1M did not fit the time the run had.
    n = 10_000 if quick else int(os.environ.get("TACTFUL_BENCH_POSTGRES_POSTS", "50000"))
    result = bench.measure(n, url)
    result["server_version"] = _postgres_version(url)
    cmd = INGEST_CMD.format(n=n, url=" --url $(TACTFUL_TEST_DB=bench scripts/start-postgres)")
    return {"rows": [_ingest_row(result, cmd)], "detail": {"runs": [result]}}


def _ingest_row(r: dict[str, Any], command: str) -> Row:
    share = r["stored"] / r["posts"]
    figure = f"ingest {r['posts']:,} posts into {r['dialect']}, end to end"
    if not r.get("finished", True):
        figure = (
            f"ingest {r['planned_posts']:,} posts into {r['dialect']}: STOPPED at the time limit after "
            f"{r['posts']:,} posts (partial)"
        )
    return row(
        figure,
        r["posts_per_s"],
        "posts/s",
        command,
        note=(
            f"{r['wall_s']:,.0f} s wall, {r['posts_per_cpu_s']:,.0f} posts/CPU-s; {_workers(r)}; peak RSS "
            f"{_rss(r)}; database {r['db_mb']:,.0f} MB; {share:.0%} stored"
        ),
    )


def _workers(r: dict[str, Any]) -> str:
    n = r.get("understand_workers", 0)
    return f"{n} understand worker{'s' if n != 1 else ''}" if n else "models in the ingest process"


def _rss(r: dict[str, Any]) -> str:
    together = r.get("peak_rss_all_mb")
    if together is None or not r.get("understand_workers"):
        return f"{r['peak_rss_mb']:,.0f} MB"
    return f"{together:,.0f} MB all processes together (largest {r['peak_rss_mb']:,.0f} MB)"


def _postgres_url() -> str | None:
    if os.environ.get("TACTFUL_BENCH_POSTGRES_URL"):
        return os.environ["TACTFUL_BENCH_POSTGRES_URL"]
    script = Path(__file__).resolve().parents[1] / "scripts" / "start-postgres"
    done = subprocess.run(
        [str(script)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "TACTFUL_TEST_DB": "bench"},
    )
    return done.stdout.strip() or None if done.returncode == 0 else None


def _postgres_version(url: str) -> str:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.connect() as conn:
        version = str(conn.execute(sa.text("SHOW server_version")).scalar_one())
    engine.dispose()
    return version


# --- where ingest time goes ---------------------------------------------------------------------


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
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src"),
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
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
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


# --- 5. dashboard aggregates -------------------------------------------------------------------


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


# --- 6. scaling ------------------------------------------------------------------------------


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
        "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src"),
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


SUITES: dict[str, Callable[[bool], dict[str, Any]]] = {
    "understand": understand,
    "accurate": accurate,
    "pii": pii,
    "query": query,
    "ingest": ingest,
    "ingest-postgres": ingest_postgres,
    "profile": profile,
    "inbox-sync": inbox_sync,
    "startup": startup,
    "insights": insights,
    "scaling": scaling,
    "spark": spark,
    "growth": growth,
}
