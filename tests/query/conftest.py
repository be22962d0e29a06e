"""Fixtures for the query tests: posts from text, and a one-query match helper."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from tactful.query.compiler import compile_sources
from tactful.records import Post

MakePost = Callable[..., Post]
Matches = Callable[..., bool]


def build_post(text: str, **fields: Any) -> Post:
    values: dict[str, Any] = {"platform": "bluesky", "platform_id": "1",
                              "created_at": datetime(2026, 1, 1, tzinfo=UTC)}
    values.update(fields)
    return Post(text=text, **values)


@pytest.fixture
def make_post() -> MakePost:
    return build_post


@pytest.fixture(params=[True, False], ids=["prefilter", "naive"])
def matches(request: pytest.FixtureRequest) -> Matches:
    """``matches(query, text, **post_fields)``, with and without the prefilter: both must agree."""

    def check(query: str, text: str, **fields: Any) -> bool:
        matcher = compile_sources([("q", "brand", query)], prefilter=request.param)
        return bool(matcher.match(build_post(text, **fields)))

    return check
