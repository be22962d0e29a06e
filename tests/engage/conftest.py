"""Store-backed engage tests run on SQLite and, with TACTFUL_TEST_DATABASE_URL, on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from tests.engage.factories import NOW
from tests.store.conftest import postgres_schema_url, postgres_url, store_url  # noqa: F401  (fixtures)

from tactful.engage.inbox import Inbox
from tactful.engage.sla import SlaPolicy
from tactful.store import Store, open_store


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime = NOW) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:  # noqa: F811
    with open_store(store_url) as opened:
        yield opened


@pytest.fixture
def inbox(store: Store, clock: Clock) -> Inbox:
    sla = {
        "default": SlaPolicy(first_response_minutes=60, next_response_minutes=120, resolution_minutes=1440),
        "moderation": SlaPolicy(first_response_minutes=15),
    }
    return Inbox(store.engine, sla=sla, brand_handles=["acme"], clock=clock)
