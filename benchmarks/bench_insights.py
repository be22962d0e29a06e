"""Dashboard aggregates on 1,000,000 stored posts: p50/p95 milliseconds per aggregate.

    PYTHONPATH=src python benchmarks/bench_insights.py [--posts 1000000] [--runs 15] [--url URL]

The store is generated once (bulk INSERTs straight into the tables, not through the
pipeline: triggers are dropped during the load, the rollups and the search index
rebuilt after, the triggers put back) and cached in benchmarks/.cache/ (git-ignored);
reruns reuse it (migrating it, and indexing it for search, if it predates either).
``--rollup-cost N`` also measures what keeping the rollups adds to ``write_batch``
on N posts (with and without, same run).
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import sqlalchemy as sa

from tactful.insights import aggregates, alerts, breakdown, emerging, rollups, topics
from tactful.insights.filters import Filters
from tactful.store import Store, open_store, search_index
from tactful.store.post_search import search_posts
from tactful.store.schema import post_search_stale

CACHE = Path(__file__).parent / ".cache"
START = datetime(2026, 1, 1, tzinfo=UTC)
DAYS = 180
GROUPS = [("brand", 0.6), ("competitor:aerolux", 0.2), ("competitor:flyfast", 0.15), ("product", 0.05)]
PLATFORMS = ["bluesky", "mastodon", "twitter", "reddit"]
LANGS = ["en", "en", "en", "de", "fr", "es", "pt"]
SENTIMENTS = ["negative", "neutral", "positive"]
INTENTS = ["complaint", "question", "praise", "suggestion", "other", "purchase_intent"]
ASPECTS = ["baggage", "delay", "staff", "price", "app", "food", "seat", "refund"]
WORDS = (  # noqa: SIM905 - a sentence reads better than a list of strings
    "flight gate crew seat lounge boarding ticket refund delay baggage app checkin meal upgrade "
    "pilot runway terminal queue wifi legroom schedule route booking points loyalty"
).split()


def _rows(
    n: int, seed: int = 7
) -> Iterator[tuple[tuple[Any, ...], list[tuple[Any, ...]], tuple[Any, ...], list[tuple[Any, ...]]]]:
    rnd = random.Random(seed)
    span = DAYS * 86400
    for i in range(1, n + 1):
        created = START + timedelta(seconds=int(span * i / n))
        platform = PLATFORMS[i % 4]
        text = " ".join(rnd.choices(WORDS, k=8))
        post = (
            i,
            platform,
            str(i),
            f"p{rnd.randrange(50_000):06d}",
            text,
            _ts(created),
            _ts(created),
            "bench",
            rnd.choice(LANGS),
            "[]",
            "[]",
            "[]",
            "{}",
            "[]",
            "{}",
        )
        groups = {rnd.choices([g for g, _ in GROUPS], [w for _, w in GROUPS])[0]}
        if rnd.random() < 0.05:
            groups.add("brand")
        matches = [(i, f"{g}-q", g) for g in sorted(groups)]
        sentiment, intent = rnd.choice(SENTIMENTS), rnd.choice(INTENTS)
        sensitive = ["health"] if rnd.random() < 0.005 else []
        analysis = (i, "fast", "en", sentiment, intent, orjson.dumps({"sensitive": sensitive}).decode())
        aspects = [
            (i, a, 0.6, rnd.choice(SENTIMENTS)) for a in rnd.sample(ASPECTS, rnd.choice([0, 0, 1, 1, 2]))
        ]
        yield post, matches, analysis, aspects


def _ts(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def generate(path: Path, n: int) -> None:
    """Build the SQLite store at ``path`` with ``n`` posts (schema by the migrations)."""
    open_store(f"sqlite:///{path}").close()
    db = sqlite3.connect(path)
    triggers = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    for name, _ in triggers:
        db.execute(f"DROP TRIGGER {name}")
    batch: dict[str, list[tuple[Any, ...]]] = {"posts": [], "matches": [], "analyses": [], "aspects": []}
    for post, matches, analysis, aspects in _rows(n):
        batch["posts"].append(post)
        batch["matches"] += matches
        batch["analyses"].append(analysis)
        batch["aspects"] += aspects
        if len(batch["posts"]) >= 50_000:
            _flush(db, batch)
    _flush(db, batch)
    for _, sql in triggers:
        db.execute(sql)
    db.commit()
    db.close()
    engine = sa.create_engine(f"sqlite:///{path}")
    rollups.rebuild(engine)
    search_index.rebuild(engine)
    engine.dispose()


def _flush(db: sqlite3.Connection, batch: dict[str, list[tuple[Any, ...]]]) -> None:
    db.executemany(
        "INSERT INTO posts (id, platform, platform_id, author_pseudonym, text, created_at, ingested_at, "
        "source, lang, mentions, hashtags, links, engagement, author_flags, pii_types) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        batch["posts"],
    )
    db.executemany(
        "INSERT INTO post_matches (post_id, query_name, query_group) VALUES (?,?,?)", batch["matches"]
    )
    db.executemany(
        "INSERT INTO analyses (post_id, tier, lang, sentiment, intent, analysis) VALUES (?,?,?,?,?,?)",
        batch["analyses"],
    )
    db.executemany(
        "INSERT INTO post_aspects (post_id, aspect, score, sentiment) VALUES (?,?,?,?)", batch["aspects"]
    )
    db.commit()
    for rows in batch.values():
        rows.clear()


def cached_store(n: int) -> Path:
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"insights-{n}.db"
    if not path.exists():
        started = time.perf_counter()
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        generate(partial, n)
        partial.rename(path)
        print(f"generated {n:,} posts in {time.perf_counter() - started:.0f}s -> {path}")
    _bring_up_to_date(path)
    return path


def _bring_up_to_date(path: Path) -> None:
    """A cache made before the newest migration: migrate it, and index it for search if it is not."""
    with open_store(f"sqlite:///{path}") as store, store.engine.connect() as conn:
        stale = conn.execute(sa.select(sa.func.count()).select_from(post_search_stale)).scalar_one()
    if stale:
        started = time.perf_counter()
        engine = sa.create_engine(f"sqlite:///{path}")
        search_index.rebuild(engine)
        engine.dispose()
        print(f"indexed {path.name} for search in {time.perf_counter() - started:.0f}s")


def aggregates_to_time(end: datetime) -> dict[str, Callable[[sa.Connection], Any]]:
    week = Filters(end - timedelta(days=7), end)
    month = Filters(end - timedelta(days=30), end)
    return {
        "timeseries day, 30 days, all groups": lambda c: aggregates.timeseries(c, month, "day"),
        "timeseries hour, 7 days, brand": lambda c: aggregates.timeseries(
            c, Filters(week.since, end, ("brand",)), "hour"
        ),
        "timeseries week, all time": lambda c: aggregates.timeseries(c, Filters(), "week"),
        "share of voice, 30 days": lambda c: aggregates.share_of_voice(c, month),
        "complaint drivers, 7 days (+3 examples each)": lambda c: aggregates.drivers(c, week),
        "emerging topics, 7 days vs 28 (800-post samples)": lambda c: emerging.topics(c, week),
        "spike alerts, 7 days hourly, explained": lambda c: alerts.find_spikes(c, week),
        "breakdown lang x platform, 7 days (suppressed)": lambda c: breakdown.breakdown(
            c, week, ("lang", "platform")
        ),
        "breakdown lang, 7 days, brand group only (group rollup)": lambda c: breakdown.breakdown(
            c, Filters(week.since, end, ("brand",)), ("lang",)
        ),
        "breakdown lang x platform, 30 days, brand group only": lambda c: breakdown.breakdown(
            c, Filters(month.since, end, ("brand",)), ("lang", "platform")
        ),
        "spike alerts, explained, phrase memo cleared first": lambda c: _cold(alerts.find_spikes, c, week),
        "spike detection only, 7 days hourly": lambda c: alerts.find_spikes(c, week, explain=False),
        "stored alerts (dashboard list)": lambda c: alerts.stored_alerts(c),
    }


def _cold(find: Callable[..., Any], *args: Any) -> Any:
    topics.remembered_phrases.cache_clear()
    return find(*args)


# Post explorer searches: the first page of 50 (items loaded in full), newest first.
SEARCHES = {
    "search: no query (all posts)": "",
    "search: refund (common word; date-order scan)": "refund",
    'search: "legroom schedule" (phrase; scan narrowed by the index)': '"legroom schedule"',
    "search: wifi queue pilot legroom (index: ~3k candidates)": "wifi queue pilot legroom",
    "search: xyzzy (index: no match)": "xyzzy",
    "search: NOT flight AND lang:de (no cover; scan)": "NOT flight AND lang:de",
}


def searches_to_time(store: Store) -> dict[str, Callable[[sa.Connection], Any]]:
    timed: dict[str, Callable[[sa.Connection], Any]] = {
        name: (lambda c, q=query: search_posts(store, q, limit=50)) for name, query in SEARCHES.items()
    }
    page_19 = _cursor_at(store, "refund", 19)
    timed["search: refund, page 20 (cursor from page 19)"] = lambda c: search_posts(
        store, "refund", limit=50, after=page_19
    )
    return timed


def _cursor_at(store: Store, query: str, pages: int) -> Any:
    after = None
    for _ in range(pages):
        after = search_posts(store, query, limit=50, after=after).next_cursor
    return after


def measure(url: str, runs: int, end: datetime) -> list[tuple[str, float, float, float]]:
    """(name, p50 ms, p95 ms, p50 CPU ms of this process): on a shared machine the wall-clock
    figures grow with the load average, the CPU time much less."""
    engine = sa.create_engine(url)
    store = open_store(url, migrate=False)
    out = []
    with engine.connect() as conn:
        for name, query in {**aggregates_to_time(end), **searches_to_time(store)}.items():
            query(conn)  # warm the page cache
            times, cpu = [], []
            for _ in range(runs):
                started, started_cpu = time.perf_counter(), time.process_time()
                query(conn)
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
            times.sort()
            p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
            out.append((name, statistics.median(times), p95, statistics.median(cpu)))
    engine.dispose()
    store.close()
    return out


def rollup_cost(n: int) -> dict[str, float]:
    """posts/s of write_batch keeping the rollups and the search index, without the search index, and
    without either (same posts, fresh databases)."""
    from benchmarks.bench_store_write import synthetic_post

    posts = [synthetic_post(i) for i in range(n)]
    kept = {"rollups": rollups.add_posts, "index": search_index.add_posts}
    configs = {"rollups and search index": ("rollups", "index"), "rollups only": ("rollups",), "neither": ()}
    rates = {}
    for name, keep in configs.items():
        rollups.add_posts = kept["rollups"] if "rollups" in keep else (lambda conn, new: None)  # type: ignore[assignment]
        search_index.add_posts = kept["index"] if "index" in keep else (lambda conn, new: None)  # type: ignore[assignment]
        try:
            with tempfile.TemporaryDirectory() as scratch, open_store(f"sqlite:///{scratch}/t.db") as store:
                started = time.perf_counter()
                for i in range(0, n, 500):
                    store.write_batch(posts[i : i + 500], [])
                rates[name] = n / (time.perf_counter() - started)
        finally:
            rollups.add_posts, search_index.add_posts = kept["rollups"], kept["index"]  # type: ignore[assignment]
    return rates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--url", help="an already generated store (default: the cached SQLite one)")
    parser.add_argument("--rollup-cost", type=int, default=0, help="also time write_batch on N posts")
    args = parser.parse_args()
    url = args.url or f"sqlite:///{cached_store(args.posts)}"
    end = START + timedelta(days=DAYS)
    print(f"{args.posts:,} posts, {args.runs} runs each after one warm-up; load average before: "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print("| aggregate | p50 ms | p95 ms | CPU p50 ms |\n|---|---:|---:|---:|")
    for name, p50, p95, cpu in measure(url, args.runs, end):
        print(f"| {name} | {p50:.1f} | {p95:.1f} | {cpu:.1f} |")
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if args.rollup_cost:
        rates = rollup_cost(args.rollup_cost)
        print(f"write_batch, {args.rollup_cost:,} posts (posts/s): "
              + ", ".join(f"{name} {rate:,.0f}" for name, rate in rates.items()))


if __name__ == "__main__":
    main()
