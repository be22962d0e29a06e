"""Helpers for the source tests: fixture files, and reading a file the way the pipeline does."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tactful.pipeline import parse
from tactful.records import Post, Quarantined
from tactful.sources.files import open_file_source

FIXTURES = Path(__file__).parent / "fixtures"

Ingest = Callable[..., tuple[list[Post], list[Quarantined]]]


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def ingest() -> Ingest:
    """Read a file through open_file_source and the pipeline's parse stage: (posts, quarantined)."""

    def run(path: Path, format: str | None = None, mapping: Any = None, **options: Any):  # noqa: A002
        source = open_file_source(path, format, mapping, **options)
        return parse(list(source.read()), source.map_item)

    return run


def fields_of(post: Post, expected: dict[str, Any]) -> dict[str, Any]:
    """The post's values for the keys of ``expected``, to compare a whole row at once."""
    return {name: getattr(post, name) for name in expected}


@pytest.fixture
def pick() -> Callable[[Post, dict[str, Any]], dict[str, Any]]:
    return fields_of


# Live-source fixtures (config, database, pipeline) live in livekit.py; imported here so pytest finds them.
from tests.sources.livekit import config, db_url, make_pipeline, secret_env, store  # noqa: E402, F401
