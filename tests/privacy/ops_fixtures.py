"""Fixtures for the privacy-operations tests (stores on SQLite and PostgreSQL, demo ingest).

Imported by the test modules that use them (``from tests.privacy.ops_fixtures import *``):
``store_url`` is the store tests' fixture, so every storage-touching test runs on
both databases (PostgreSQL from ``TACTFUL_TEST_DATABASE_URL``).
"""

from __future__ import annotations

import dataclasses
import json
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.privacy.keys import TEST_SECRET
from tests.store.conftest import postgres_schema_url, postgres_url, store_url

from tactful.config import Config, parse_config
from tactful.engines import fallbacks
from tactful.engines.local import build_stages, pipeline_for
from tactful.pipeline import IngestReport
from tactful.sources.files import iter_files, open_file_source
from tactful.store import Store, open_store

__all__ = [
    "DEMO_DATA",
    "ANSWER_KEY",
    "demo_config",
    "ingest",
    "postgres_schema_url",
    "postgres_url",
    "secret",
    "store",
    "store_url",
    "answer_key",
]

DEMO = Path(__file__).resolve().parents[2] / "src" / "tactful" / "demo"
DEMO_DATA = DEMO / "data"
ANSWER_KEY = DEMO / "answer_key.jsonl"


@pytest.fixture
def secret(monkeypatch: pytest.MonkeyPatch) -> str:
    """The installation secret the pipeline reads: the same one the ``keyring`` fixture holds."""
    monkeypatch.setenv("TACTFUL_SECRET", TEST_SECRET)
    monkeypatch.delenv("TACTFUL_SECRET_PREVIOUS", raising=False)
    return TEST_SECRET


@pytest.fixture
def store(store_url: str, secret: str) -> Iterator[Store]:
    with open_store(store_url) as opened:
        yield opened


@pytest.fixture(scope="session")
def demo_config() -> Config:
    data = tomllib.loads((DEMO / "skylark.toml").read_text(encoding="utf-8"))
    return parse_config(data, source="skylark.toml")


@pytest.fixture(scope="session")
def answer_key() -> list[dict[str, Any]]:
    return [json.loads(line) for line in ANSWER_KEY.read_text(encoding="utf-8").splitlines() if line.strip()]


def ingest(
    store: Store, config: Config, paths: list[Path] | None = None, *, batch_size: int = 100
) -> IngestReport:
    """What ``tactful ingest`` does, without models: the consent-aware gate, the policy, the store."""
    stages = dataclasses.replace(build_stages(config, store=store), understand=fallbacks.no_analysis)
    total = IngestReport()
    for path in iter_files([str(p) for p in (paths or demo_files())]):
        source = open_file_source(path, None, [])
        total.add(pipeline_for(source, stages).run(source.read(), store, batch_size=batch_size))
    assert total.adds_up()
    return total


def demo_files() -> list[Path]:
    return sorted(p for p in DEMO_DATA.iterdir() if p.suffix in (".json", ".jsonl", ".csv"))
