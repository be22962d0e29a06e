"""Real tweets (../shared/data): the prefilter agrees with naive evaluation, and brands are found."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from tactful.query.compiler import compile_sources

QUERIES = [
    ("united", "brand", "@united OR united"),
    ("united-delays", "brand", "(@united OR united) NEAR/6 (delay* OR late OR cancel?ed)"),
    ("delta-bags", "competitor:delta", '@delta AND (bag* OR luggage OR "lost bag")'),
    ("virgin", "competitor:virgin", "@virginamerica NEAR/3f (love OR thank*)"),
    ("not-united", "brand", "NOT united lang:en"),
    ("southwest-tags", "brand", "#southwest* OR @southwestair"),
]


def _airline_posts(shared_data: Path, count: int, build_post) -> list:
    with (shared_data / "airline" / "dev.jsonl").open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in itertools.islice(lines, count)]
    return [build_post(row["text"], platform_id=row["id"], lang="en") for row in rows]


@pytest.mark.shared_data
def test_prefilter_agrees_with_naive_on_real_tweets(shared_data: Path, make_post) -> None:
    posts = _airline_posts(shared_data, 2000, make_post)
    fast, naive = compile_sources(QUERIES), compile_sources(QUERIES, prefilter=False)
    assert [fast.match(p) for p in posts] == [naive.match(p) for p in posts]


@pytest.mark.shared_data
def test_airline_handles_are_found_in_real_tweets(shared_data: Path, make_post) -> None:
    posts = _airline_posts(shared_data, 2000, make_post)
    matcher = compile_sources(QUERIES[:1])
    with_handle = [p for p in posts if "@united" in p.text.lower().split()]
    assert with_handle, "the sample should contain tweets to @united"
    assert all(matcher.match(p) for p in with_handle)
