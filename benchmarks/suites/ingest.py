"""End-to-end ingest into SQLite and PostgreSQL, and how it grows with the input."""

from __future__ import annotations

import os
import subprocess
from typing import Any

from benchmarks.suites.common import ROOT, Row, row

INGEST_CMD = "python -m benchmarks.bench_ingest --posts {n} --workers {workers}{url}"
WORKERS = 1  # every size the same way (one understand worker beside the ingest), so growth compares like with like


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

    runs = [bench.measure(n, None, deadline_s=deadline_s, workers=WORKERS) for n in sizes]
    rows = [_ingest_row(r, INGEST_CMD.format(n=r["planned_posts"], workers=WORKERS, url="")) for r in runs]
    return {"rows": rows, "detail": {"runs": runs}}


def ingest_postgres(quick: bool) -> dict[str, Any]:
    from benchmarks import bench_ingest as bench

    url = _postgres_url()
    if url is None:
        return {
            "rows": [row("ingest into PostgreSQL", "not measured: PostgreSQL not available", "", "")],
            "detail": {},
        }
    n = 10_000 if quick else int(os.environ.get("TACTFUL_BENCH_POSTGRES_POSTS", "1000000"))
    result = bench.measure(n, url, workers=WORKERS)
    result["server_version"] = _postgres_version(url)
    cmd = INGEST_CMD.format(n=n, workers=WORKERS, url=" --url $(TACTFUL_TEST_DB=bench scripts/start-postgres)")
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
    script = ROOT / "scripts" / "start-postgres"
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
