"""The pipeline's match stage."""

from __future__ import annotations

import functools
import pickle

from tactful.query import match_posts
from tactful.query.compiler import compile_sources
from tactful.records import QueryMatch


def test_keeps_matching_posts_in_order_and_sets_their_matches(make_post) -> None:
    matcher = compile_sources([("acme", "brand", "acme"), ("rocket", "product", "rocket*")])
    batch = [make_post(text, platform_id=str(i)) for i, text in
             enumerate(["acme rockets", "nothing here", "rocketry", "ACME"])]
    kept = match_posts(batch, matcher)
    assert [p.platform_id for p in kept] == ["0", "2", "3"]
    assert kept[0].matches == [QueryMatch("acme", "brand"), QueryMatch("rocket", "product")]
    assert kept[1].matches == [QueryMatch("rocket", "product")]
    assert batch[1].matches == []


def test_an_empty_batch_stays_empty() -> None:
    assert match_posts([], compile_sources([("acme", "brand", "acme")])) == []


def test_the_bound_stage_pickles_for_spark(make_post) -> None:
    stage = functools.partial(match_posts, matcher=compile_sources([("acme", "brand", "acme")]))
    copy = pickle.loads(pickle.dumps(stage))
    assert [p.text for p in copy([make_post("acme"), make_post("other")])] == ["acme"]
