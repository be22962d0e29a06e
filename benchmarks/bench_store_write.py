"""Throughput of ``Store.write_batch``: synthetic posts with analysis and decision, batches of 500.

    python benchmarks/bench_store_write.py [--posts 100000] [--url sqlite:///bench.db]

Prints posts/s for the first pass (all new) and the second (all duplicates).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, datetime, timedelta

from tactful.records import (
    Addressed,
    Analysis,
    AspectHit,
    BinaryScore,
    ClassScores,
    Decision,
    QueryMatch,
    StoredPost,
)
from tactful.store import open_store


def synthetic_post(i: int) -> StoredPost:
    analysis = Analysis(
        lang="en",
        sentiment=ClassScores("negative", {"negative": 0.7, "neutral": 0.2, "positive": 0.1}),
        intent=ClassScores("complaint", {"complaint": 0.8, "question": 0.2}),
        complaint=BinaryScore(True, 0.8),
        addressed=Addressed(True, "mentions_brand"),
        needs_response=BinaryScore(True, 0.7),
        aspects=[AspectHit("app", 0.6, "negative")],
    )
    return StoredPost(
        platform="twitter", platform_id=str(i), author_pseudonym=f"p{i % 5000:06d}",
        text=f"@brand the app keeps crashing when I open playlist {i}, please help",
        created_at=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=37 * i),
        source="bench", mentions=["brand"], hashtags=["fail"], engagement={"likes": i % 7},
        matches=[QueryMatch("brand", "brand")], analysis=analysis,
        decision=Decision("respond", 60, "support", ["addressed", "intent.complaint"], "A complaint."),
    )


def run(url: str, n: int, batch_size: int) -> None:
    posts = [synthetic_post(i) for i in range(n)]
    with open_store(url) as store:
        for label in ("new", "duplicate"):
            start = time.perf_counter()
            stored = sum(store.write_batch(posts[i:i + batch_size], [])
                         for i in range(0, n, batch_size))
            elapsed = time.perf_counter() - start
            print(f"{store.dialect} {label}: {n} posts ({stored} stored) in {elapsed:.2f}s "
                  f"= {n / elapsed:,.0f} posts/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--url", default=None, help="database URL (default: a fresh SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        run(args.url or f"sqlite:///{scratch}/bench.db", args.posts, args.batch_size)


if __name__ == "__main__":
    main()
