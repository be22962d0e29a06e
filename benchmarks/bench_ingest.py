"""End-to-end ingest: ``tactful ingest`` of generated JSON Lines files into SQLite or PostgreSQL.

    python -m benchmarks.bench_ingest [--posts 1000000] [--url URL] [--processes 1] [--workers N]

The input is built in a temp dir (never in the repo) from real public posts in
../shared/data: airline tweets, @SpotifyCares requests and SemEval tweets taken
in turn, cycled to the requested count with unique ids, authors and times. The
config listens for the six airlines and Spotify, so about two posts in three
match and go through the whole pipeline (match, privacy gate, understand fast
tier, decide, store); the rest stop at matching, as in a real export.

Each ``tactful ingest`` runs as a child process; its peak RSS comes from
``os.wait4`` (that child only). With ``--processes 2`` the input is split in two
files, ingested by two processes at once into two stores (SQLite has one
writer, so each process owns one database file), and the rate is total posts
over the wall time of the slower one. ``--workers N`` is passed to ``tactful ingest``
(understand worker processes beside each ingest; default: the command's own default,
one fewer than the cores for an input this large). Peak RSS is sampled every 0.2 s
as the sum over each ingest and its workers, and reported with the largest single
process (``os.wait4``).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

from tactful.engines.understand_pool import default_workers

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("TACTFUL_SHARED_DATA") or ROOT.parent / "shared" / "data")
SOURCES = ("airline/dev.jsonl", "support/spotify_requests.jsonl", "tweeteval/sentiment/train.jsonl")
SECRET = "benchmark-installation-secret-not-for-production-use"
START = datetime(2026, 1, 1, tzinfo=UTC)
CONFIG = """\
[brand]
name = "Spotify"
handles = { twitter = ["SpotifyCares", "Spotify"] }

[[queries]]
name = "spotify"
group = "brand"
query = 'spotify OR @spotify OR @spotifycares OR #spotify'

[[queries]]
name = "airlines"
group = "competitor:airlines"
query = '@united OR @americanair OR @usairways OR @southwestair OR @jetblue OR @virginamerica OR united'

[store]
url = "sqlite:///unused.db"

[understand]
tier = "fast"
aspects = "software"
"""


def load_texts() -> list[list[str]]:
    columns = []
    for relative in SOURCES:
        with (DATA / relative).open(encoding="utf-8") as handle:
            columns.append([json.loads(line)["text"] for line in handle if line.strip()])
    return columns


def write_posts(paths: list[Path], n_posts: int, columns: list[list[str]]) -> None:
    """``n_posts`` posts, one source after another in turn, dealt round-robin over ``paths``."""
    cycles = [itertools.cycle(column) for column in columns]
    handles = [path.open("wb") for path in paths]
    try:
        for i in range(n_posts):
            text = next(cycles[i % len(cycles)])
            record = {
                "id": str(i),
                "text": text,
                "author": f"user{i * 7919 % 200_003}",
                "created_at": (START + timedelta(seconds=13 * i)).isoformat(),
                "platform": "twitter",
            }
            handles[i % len(handles)].write(orjson.dumps(record) + b"\n")
    finally:
        for handle in handles:
            handle.close()


@dataclass
class Child:
    process: subprocess.Popen[bytes]
    input: Path
    output: Path
    started: float
    wall_s: float = 0.0
    cpu_s: float = 0.0
    peak_rss_mb: float = 0.0  # the largest single process (wait4)
    peak_tree_rss_mb: float = 0.0  # the ingest and its workers together, sampled
    read_share: float = 1.0  # of its input file, when stopped at the deadline
    finished: bool = False


def start_ingest(path: Path, config: Path, url: str, out: Path, core: int | None,
                 workers: int | None = None) -> Child:
    command = [
        sys.executable,
        "-m",
        "tactful",
        "ingest",
        str(path),
        "--config",
        str(config),
        "--db",
        url,
        "--json",
        *(["--workers", str(workers)] if workers is not None else []),
    ]
    if core is not None and sys.platform.startswith("linux"):
        command = ["taskset", "-c", str(core), *command]  # taskset execs: the pid stays the child's
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "TACTFUL_SECRET": SECRET,
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }
    with out.open("wb") as stdout:
        process = subprocess.Popen(command, env=env, stdout=stdout, stderr=subprocess.DEVNULL,
                                   start_new_session=True)  # its workers are stopped with it
    return Child(process, path, out, time.perf_counter())


def wait_all(children: list[Child], label: str, deadline_s: float | None = None) -> None:
    """Wait for every child, with progress on stderr; peak RSS and CPU of each from wait4.

    A child still running at ``deadline_s`` is measured as it stands (share of its input
    read, peak RSS, CPU time, from /proc) and stopped: a partial run, marked as such.
    """
    waiting = {child.process.pid: child for child in children}
    last_note = time.perf_counter()
    while waiting:
        for pid, child in list(waiting.items()):
            child.peak_tree_rss_mb = max(child.peak_tree_rss_mb, tree_rss_mb(pid))
            done, status, usage = os.wait4(pid, os.WNOHANG)
            if done == 0:
                continue
            _finish(child, status, usage)
            del waiting[pid]
            if child.process.returncode != 0:
                raise SystemExit(f"{label}: tactful ingest exited {child.process.returncode}")
        elapsed = time.perf_counter() - children[0].started
        if waiting and deadline_s is not None and elapsed > deadline_s:
            for child in waiting.values():
                _stop_at_deadline(child)
            return
        if time.perf_counter() - last_note > 30:
            shares = ", ".join(f"{_read_share(c):.1%} read" for c in waiting.values())
            print(
                f"  {label}: {elapsed:,.0f} s, {shares}, load {os.getloadavg()[0]:.2f}",
                file=sys.stderr,
                flush=True,
            )
            last_note = time.perf_counter()
        time.sleep(0.2)


def _finish(child: Child, status: int, usage: Any) -> None:
    child.wall_s = time.perf_counter() - child.started
    child.cpu_s = usage.ru_utime + usage.ru_stime
    child.peak_rss_mb = usage.ru_maxrss / 1024
    child.process.returncode = os.waitstatus_to_exitcode(status)
    child.finished = True


def _stop_at_deadline(child: Child) -> None:
    pid = child.process.pid
    child.read_share = _read_share(child)
    child.wall_s = time.perf_counter() - child.started
    status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    child.peak_rss_mb = (
        next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")) / 1024
    )
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()
    child.cpu_s = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
    os.killpg(pid, 9)  # the ingest and its understand workers
    child.process.wait()


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (the understand workers), in MB; 0 once gone."""
    total_kb = 0
    for member in [pid, *_children(pid)]:
        try:
            status = Path(f"/proc/{member}/status").read_text(encoding="utf-8")
        except OSError:
            continue
        total_kb += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return total_kb / 1024


def _children(pid: int) -> list[int]:
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return []
    found = []
    for task in tasks:
        try:
            found += [int(c) for c in (task / "children").read_text(encoding="utf-8").split()]
        except OSError:
            continue
    return found + [grandchild for child in found for grandchild in _children(child)]


def _read_share(child: Child) -> float:
    """How far the child has read its input file: its file offset (/proc/PID/fdinfo) over the size."""
    fds = Path(f"/proc/{child.process.pid}/fd")
    try:
        for fd in fds.iterdir():
            if os.readlink(fd) == str(child.input):
                info = (Path(f"/proc/{child.process.pid}/fdinfo") / fd.name).read_text(encoding="utf-8")
                position = int(info.split("pos:", 1)[1].split()[0])
                return position / child.input.stat().st_size
    except (OSError, ValueError, IndexError):
        pass
    return 0.0


def database_size_mb(url: str) -> float:
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        files = [path, path.with_name(path.name + "-wal")]
        return sum(f.stat().st_size for f in files if f.exists()) / 2**20
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.connect() as conn:
        size = conn.execute(sa.text("SELECT pg_database_size(current_database())")).scalar_one()
    engine.dispose()
    return float(size) / 2**20


def measure(
    n_posts: int,
    url: str | None,
    processes: int = 1,
    deadline_s: float | None = None,
    pin_single: bool = False,
    workers: int | None = None,
) -> dict[str, Any]:
    """Ingest ``n_posts`` generated posts with ``processes`` children; ``url`` None -> fresh SQLite files.

    Past ``deadline_s`` the run is stopped and reported as partial: ``posts`` is then the
    number read so far (estimated from the input file offset), ``finished`` False.
    """
    columns = load_texts()
    with tempfile.TemporaryDirectory(prefix="tactful-bench-ingest-") as tmp:
        scratch = Path(tmp)
        config = scratch / "tactful.toml"
        config.write_text(CONFIG, encoding="utf-8")
        inputs = [scratch / f"posts-{k}.jsonl" for k in range(processes)]
        write_posts(inputs, n_posts, columns)
        urls = [url or f"sqlite:///{scratch}/store-{k}.db" for k in range(processes)]
        if url and processes > 1 and not url.startswith("postgresql"):
            raise SystemExit("several processes into one SQLite file: give no --url")
        # Several processes: one per core, pinned (a fair 1-vs-2 comparison pins the single one too,
        # see suites.scaling). One process alone is left to the scheduler on a shared machine.
        cores = sorted(os.sched_getaffinity(0)) if processes > 1 or pin_single else []
        load_before = os.getloadavg()[0]
        label = f"ingest {n_posts:,} posts x{processes} ({_dialect(urls[0])})"
        print(f"{label}: started", file=sys.stderr, flush=True)
        children = [
            start_ingest(p, config, u, scratch / f"report-{k}.json", cores[k % len(cores)] if cores else None,
                         workers)
            for k, (p, u) in enumerate(zip(inputs, urls, strict=True))
        ]
        wait_all(children, label, deadline_s)
        load_after = os.getloadavg()[0]
        finished = all(child.finished for child in children)
        reports = [_report(child, u) for child, u in zip(children, urls, strict=True)]
        used_workers = workers if workers is not None else default_workers(inputs[0].stat().st_size)
        size = sum(database_size_mb(u) for u in dict.fromkeys(urls))
    wall = max(child.wall_s for child in children)
    stored = sum(r["stored"] for r in reports)
    done = n_posts if finished else round(n_posts * sum(c.read_share for c in children) / processes)
    return {
        "posts": done,
        "planned_posts": n_posts,
        "finished": finished,
        "processes": processes,
        "understand_workers": used_workers,
        "dialect": _dialect(urls[0]),
        "stored": stored,
        "not_matched": sum(r["not_matched"] for r in reports),
        "rejected": sum(r["rejected"] for r in reports),
        "withheld": sum(r["withheld"] for r in reports),
        "wall_s": round(wall, 1),
        "posts_per_s": round(done / wall, 1),
        "posts_per_cpu_s": round(done / sum(c.cpu_s for c in children), 1),
        "peak_rss_mb": round(max(c.peak_rss_mb for c in children), 1),
        "peak_rss_all_mb": round(sum(c.peak_tree_rss_mb for c in children), 1),
        "db_mb": round(size, 1),
        "db_bytes_per_stored_post": round(size * 2**20 / max(stored, 1)),
        "load_average_1min": [round(load_before, 2), round(load_after, 2)],
    }


def _report(child: Child, url: str) -> dict[str, Any]:
    """The child's own JSON report; for a run stopped at the deadline, the posts stored so far."""
    if child.finished:
        return json.loads(child.output.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.connect() as conn:
        stored = int(conn.execute(sa.text("SELECT count(*) FROM posts")).scalar_one())
    engine.dispose()
    return {"stored": stored, "not_matched": 0, "rejected": 0, "withheld": 0}


def _dialect(url: str) -> str:
    return "postgresql" if url.startswith("postgresql") else "sqlite"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--url", help="database URL (default: a fresh SQLite file in a temp dir)")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--workers", type=int, help="tactful ingest --workers (default: its own default)")
    parser.add_argument("--deadline", type=float, help="seconds; stop there and report a partial run")
    args = parser.parse_args()
    if not all((DATA / s).is_file() for s in SOURCES):
        print(f"skipped: needs {', '.join(SOURCES)} under {DATA}")
        return 0
    print(json.dumps(measure(args.posts, args.url, args.processes, deadline_s=args.deadline,
                                  workers=args.workers), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
