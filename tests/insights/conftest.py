"""Insights fixtures: a store on SQLite and PostgreSQL (the store tests' ``store_url``) and a post builder."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from tests.store.conftest import postgres_schema_url, postgres_url, store_url  # noqa: F401 - fixtures

from tactful.records import Analysis, AspectHit, ClassScores, QueryMatch, StoredPost
from tactful.store import Store, open_store
from tactful.store.schema import inbox_conversations

T0 = datetime(2026, 3, 2, tzinfo=UTC)  # a Monday


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:  # noqa: F811 - the imported fixture
    with open_store(store_url) as opened:
        yield opened


def build_post(
    pid: int,
    *,
    hours: float = 0,
    groups: tuple[str, ...] = ("brand",),
    platform: str = "bluesky",
    sentiment: str | None = None,
    intent: str | None = None,
    aspects: tuple[tuple[str, str], ...] = (),
    author: str | None = None,
    lang: str | None = "en",
    text: str | None = None,
    sensitive: tuple[str, ...] = (),
) -> StoredPost:
    """A stored post ``hours`` after T0; ``sentiment`` set means analysed."""
    post = StoredPost(
        platform=platform,
        platform_id=str(pid),
        author_pseudonym=author or f"author{pid}",
        text=text if text is not None else f"post {pid}",
        created_at=T0 + timedelta(hours=hours),
        lang=lang,
        matches=[QueryMatch(f"{g}-q{i}", g) for i, g in enumerate(groups)],
    )
    if sentiment is not None:
        post.analysis = Analysis(
            sentiment=ClassScores(sentiment, {sentiment: 1.0}),
            intent=ClassScores(intent, {intent: 1.0}) if intent else None,
            aspects=[AspectHit(name, 0.8, s) for name, s in aspects],
            sensitive=list(sensitive),
        )
    return post


@pytest.fixture
def post() -> Callable[..., StoredPost]:
    return build_post


def write(store: Store, posts: list[StoredPost]) -> None:
    store.write_batch(posts, [])


def at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def add_conversation(
    conn: sa.Connection,
    post_id: int,
    *,
    opened: datetime,
    first_reply: datetime | None = None,
    resolved: datetime | None = None,
    key: str = "bluesky:1",
) -> int:
    """An inbox conversation (the inbox's own table) with its SLA clock; returns its id."""
    row = {
        "thread_key": key,
        "opening_post_id": post_id,
        "platform": "bluesky",
        "author_pseudonym": "p",
        "status": "open",
        "action": "respond",
        "team": None,
        "assignee": None,
        "priority": 50,
        "reasons": [],
        "explanation": "",
        "opened_at": opened,
        "first_reply_at": first_reply,
        "pending_since": None,
        "answered_pending_at": None,
        "resolved_at": resolved,
        "updated_at": opened,
    }
    return int(
        conn.execute(
            inbox_conversations.insert().values(**row).returning(inbox_conversations.c.id)
        ).scalar_one()
    )
