"""A fake source (dict payloads, one per line) and a config tracking one brand."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, ClassVar

import pytest

from tactful.config import Config, parse_config
from tactful.errors import MappingError
from tactful.records import Post
from tactful.sources.base import RawRecord, Source

SECRET = "a-test-installation-secret-of-plenty-characters"


class FakeSource(Source):
    """Yields the payloads given; ``None`` is an unreadable line, a dict without text a mapping error."""

    name: ClassVar[str] = "fake"

    def __init__(self, payloads: list[dict[str, Any] | None]) -> None:
        self.payloads = payloads

    def read(self) -> Iterator[RawRecord]:
        for line, payload in enumerate(self.payloads, start=1):
            if payload is None:
                yield RawRecord(None, "fake.jsonl", f"line {line}", error="not JSON", error_code="bad_json")
            else:
                yield RawRecord(payload, "fake.jsonl", f"line {line}")

    def map_item(self, raw: RawRecord) -> Post:
        if "text" not in raw.payload:
            raise MappingError("the record has no text", code="missing_text")
        return Post(
            platform="bluesky", platform_id=str(raw.payload["id"]), text=raw.payload["text"],
            created_at=datetime(2026, 3, 1, 12, tzinfo=UTC), source="fake.jsonl",
            author_handle=raw.payload.get("author", "someone.bsky.social"),
            author_flags=raw.payload.get("flags", []),
        )


@pytest.fixture
def config() -> Config:
    return parse_config({
        "brand": {"name": "Acme", "handles": {"bluesky": ["acme.bsky.social"]}},
        "queries": [
            {"name": "acme", "group": "brand", "query": "acme OR @acme.bsky.social"},
            {"name": "globex", "group": "competitor:globex", "query": "globex"},
        ],
    })


@pytest.fixture(autouse=True)
def no_model_loading(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Engine tests are about wiring and accounting: the understand stage falls back unless a test
    asks for ``real_understand``, so they neither load models nor depend on them being built."""
    if "real_understand" not in request.fixturenames:
        monkeypatch.setitem(sys.modules, "tactful.understand.stage", None)


@pytest.fixture
def real_understand() -> None:
    """Use the installed understand stage (the test skips when the models are not built)."""


@pytest.fixture(autouse=True)
def installation_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TACTFUL_SECRET", SECRET)
    monkeypatch.delenv("TACTFUL_DEV", raising=False)


@pytest.fixture
def mixed_source() -> FakeSource:
    """2 matching, 1 not matching, 1 unreadable, 1 unmappable, 1 withheld (noindex), 1 duplicate id."""
    return FakeSource([
        {"id": 1, "text": "@acme.bsky.social my order never arrived"},
        {"id": 2, "text": "globex is cheaper than acme"},
        {"id": 3, "text": "lovely weather today"},
        None,
        {"id": 4},
        {"id": 5, "text": "acme again", "flags": ["noindex"]},
        {"id": 1, "text": "@acme.bsky.social my order never arrived"},
    ])
