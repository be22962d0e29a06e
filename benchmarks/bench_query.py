"""How fast the brand-query matcher is, with and without its Aho-Corasick prefilter.

    python -m benchmarks.bench_query [--posts 100000] [--queries 1000 10000] [--naive-sample 1000]

Posts are real public tweets (airline/dev.jsonl, support/spotify_requests.jsonl,
tweeteval/sentiment/train.jsonl from ../shared/data), cycled to the requested
count. Queries are generated from templates listening teams write (brand names,
handles, hashtags, phrases, NEAR, wildcards, NOT), using the real airline and
music brands plus words drawn from the posts' own vocabulary (ranks 200-20,000),
so they match as often as real words do: a pessimistic case for the prefilter.
Naive evaluation (every query on every post) is measured on the first
``--naive-sample`` posts only, and the two are checked to agree on that sample.
Times are CPU seconds of this process (``time.process_time``), so that other
work on a shared machine does not distort them; a single thread is used.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from tactful.query.compiler import compile_sources
from tactful.query.matcher import Matcher
from tactful.query.text import prepare_text, tokenize
from tactful.records import Post

ROOT = Path(__file__).resolve().parents[1]
# ../shared/data from the repository root (one more level up from a git worktree under wt/).
_PLACES = (ROOT.parent / "shared" / "data", ROOT.parent.parent / "shared" / "data")
DATA = next((place for place in _PLACES if place.is_dir()), _PLACES[0])
SOURCES = ["airline/dev.jsonl", "support/spotify_requests.jsonl", "tweeteval/sentiment/train.jsonl"]
BRANDS = ["united", "delta", "jetblue", "southwest", "americanair", "usairways", "virginamerica", "spotify",
          "spotifycares", "netflix", "apple", "itunes", "deezer", "pandora"]
TOPICS = ["delay*", "cancel*", "refund*", "late", "lost", "bag*", "luggage", "crash*", "broken", "help",
          "support", "premium", "playlist*", "shuffle", "login", "password", "rude", "thank*", "love",
          "hate*",
          "customer", "service", "seat*", "wifi", "app", "update*", "colo?r", "favo?rite", "travel*", "song*"]


def load_texts() -> list[str]:
    texts: list[str] = []
    for name in SOURCES:
        with (DATA / name).open(encoding="utf-8") as lines:
            texts.extend(json.loads(line)["text"] for line in lines if line.strip())
    return texts


def make_posts(texts: list[str], count: int) -> list[Post]:
    created = datetime(2026, 1, 1, tzinfo=UTC)
    platforms = itertools.cycle(["twitter", "bluesky", "mastodon"])
    langs = itertools.cycle(["en", "en", "en", "es", None])
    cycled = itertools.islice(itertools.cycle(texts), count)
    return [Post(platform=next(platforms), platform_id=str(i), text=text, created_at=created,
                 lang=next(langs)) for i, text in enumerate(cycled)]


def brand_vocabulary(texts: list[str]) -> list[str]:
    counts = Counter(value for text in texts for kind, value in tokenize(prepare_text(text))
                     if kind == "word" and value.isalpha() and len(value) > 3)
    ranked = [word for word, _ in counts.most_common(20_000)]
    return BRANDS + ranked[200:]


def generate_queries(count: int, vocabulary: list[str], seed: int = 7) -> list[tuple[str, str, str]]:
    rng = random.Random(seed)
    templates = [
        lambda b, b2, t, t2, n: b,
        lambda b, b2, t, t2, n: f"{b} OR @{b} OR #{b}",
        lambda b, b2, t, t2, n: f'"{b} {t.rstrip("*").replace("?", "")}"',
        lambda b, b2, t, t2, n: f"{b} NEAR/{n} ({t} OR {t2})",
        lambda b, b2, t, t2, n: f"@{b} NEAR/{n}f {t}",
        lambda b, b2, t, t2, n: f"({b} OR {b2}) AND NOT {t}",
        lambda b, b2, t, t2, n: f"{b[:-1]}* lang:en NOT #{b2}",
        lambda b, b2, t, t2, n: f"#{b} OR #{b2}",
        lambda b, b2, t, t2, n: f"{b}? AND ({t} OR {t2})",  # '?' is one character or none: plurals
        lambda b, b2, t, t2, n: f'"{b} {b2}" OR ({b} {t} platform:bluesky)',
    ]
    queries = []
    for i in range(count):
        b, b2 = rng.sample(vocabulary, 2)
        t, t2 = rng.sample(TOPICS, 2)
        query = templates[i % len(templates)](b, b2, t, t2, rng.randint(1, 5))
        queries.append((f"q{i}", "brand", query))
    return queries


def run(matcher: Matcher, posts: list[Post]) -> tuple[float, int, list[list[str]]]:
    results: list[list[str]] = []
    start = time.process_time()  # CPU time: fairer than wall time on a shared machine
    for post in posts:
        results.append([m.name for m in matcher.match(post)])
    elapsed = time.process_time() - start
    return elapsed, sum(1 for r in results if r), results


def mean_candidates(matcher: Matcher, posts: list[Post]) -> float:
    return sum(len(matcher.candidates(p, prepare_text(p.text))) for p in posts) / len(posts)


def measure(queries: list[tuple[str, str, str]], posts: list[Post], naive_sample: int) -> dict[str, float]:
    start = time.process_time()
    fast = compile_sources(queries)
    compile_s = time.process_time() - start
    naive = compile_sources(queries, prefilter=False)
    fast_s, matched, _ = run(fast, posts)
    sample = posts[:naive_sample]
    naive_s, _, naive_results = run(naive, sample)
    _, _, fast_results = run(fast, sample)
    if naive_results != fast_results:
        raise SystemExit("prefilter and naive evaluation disagree: this is a bug")
    fast_rate, naive_rate = len(posts) / fast_s, len(sample) / naive_s
    return {"queries": len(queries), "compile_s": compile_s, "posts": len(posts), "fast_rate": fast_rate,
            "matched": matched, "candidates": mean_candidates(fast, sample), "naive_posts": len(sample),
            "naive_rate": naive_rate, "speedup": fast_rate / naive_rate}


def table(rows: list[dict[str, float]]) -> Iterator[str]:
    yield ("| queries | compile (CPU s) | with prefilter: posts per CPU s | posts matched | "
           "candidates/post | naive: posts per CPU s (sample) | speedup |")
    yield "|---:|---:|---:|---:|---:|---:|---:|"
    for r in rows:
        yield (f"| {r['queries']:,} | {r['compile_s']:.2f} | {r['fast_rate']:,.0f} ({r['posts']:,} posts) | "
               f"{r['matched']:,} | {r['candidates']:.1f} | "
               f"{r['naive_rate']:,.0f} ({r['naive_posts']:,} posts) | {r['speedup']:.0f}x |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--queries", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--naive-sample", type=int, default=1_000)
    args = parser.parse_args(argv)
    if not all((DATA / name).is_file() for name in SOURCES):
        print(f"skipped: needs {', '.join(SOURCES)} under {DATA} (absent on this machine)")
        return 0
    texts = load_texts()
    posts = make_posts(texts, args.posts)
    vocabulary = brand_vocabulary(texts)
    rows = [measure(generate_queries(n, vocabulary), posts, args.naive_sample) for n in args.queries]
    print(f"{len(texts):,} distinct texts cycled to {len(posts):,} posts; Python {sys.version.split()[0]}\n")
    print("\n".join(table(rows)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
