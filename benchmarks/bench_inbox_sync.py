"""Memory and time of the inbox sync that ends ``tactful ingest``, by number of pending posts.

    python -m benchmarks.bench_inbox_sync [--pending 50000]

Writes N synthetic posts that all ask for a response (``bench_store_write.synthetic_post``,
each its own thread) into a fresh SQLite store, then runs ``sync_inbox`` in a fresh
child process and reports its RSS before, its peak RSS (VmHWM) after, and CPU seconds.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CHILD = """
import json, resource, sys, time
from pathlib import Path
from tactful.engines.local import sync_inbox
from tactful.store import open_store

def rss_mb(key):
    line = next(l for l in Path("/proc/self/status").read_text().splitlines() if l.startswith(key))
    return int(line.split()[1]) / 1024

with open_store(sys.argv[1]) as store:
    before = rss_mb("VmRSS:")
    started = time.process_time()
    taken = sync_inbox(store)
    cpu = time.process_time() - started
print(json.dumps({"taken": taken, "rss_before_mb": before, "peak_rss_mb": rss_mb("VmHWM:"), "cpu_s": cpu}))
"""


def measure(pending: int) -> dict[str, Any]:
    from benchmarks.bench_store_write import synthetic_post
    from tactful.store import open_store

    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory(prefix="tactful-bench-inbox-") as tmp:
        url = f"sqlite:///{tmp}/store.db"
        with open_store(url) as store:
            for start in range(0, pending, 500):
                store.write_batch(
                    [_own_thread(synthetic_post(i)) for i in range(start, min(pending, start + 500))], []
                )
        env = {"PYTHONPATH": str(root / "src"), "PATH": "/usr/bin:/bin"}
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", CHILD, url], env=env, capture_output=True, text=True, check=True
        )
        result = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        "pending": pending,
        **result,
        "wall_s": round(time.perf_counter() - started, 1),
        "kb_per_pending_post": round((result["peak_rss_mb"] - result["rss_before_mb"]) * 1024 / pending, 2),
    }


def _own_thread(post: Any) -> Any:
    post.thread_id = None  # every post opens its own conversation, as in a bulk import of fresh posts
    return post


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pending", type=int, default=50_000)
    print(json.dumps(measure(parser.parse_args().pending), indent=1))


if __name__ == "__main__":
    main()
