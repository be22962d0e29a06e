"""Query matching: 1,000 and 10,000 queries against 100,000 posts."""

from __future__ import annotations

from typing import Any

from benchmarks.suites.common import RUN, row


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
