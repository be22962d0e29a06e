"""``store_url``: every store test runs on SQLite and on PostgreSQL.

PostgreSQL comes from ``TACTFUL_TEST_DATABASE_URL`` (e.g. the URL that
``scripts/start-postgres`` prints); each test gets a fresh schema of its own,
dropped afterwards, so tests never see each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from tactful.records import (
    Addressed,
    Analysis,
    AspectHit,
    BinaryScore,
    ClassScores,
    Decision,
    QueryMatch,
    StoredPost,
)

POSTGRES_ENV = "TACTFUL_TEST_DATABASE_URL"


@pytest.fixture(scope="session")
def postgres_url() -> str:
    # The last line: `make test` captures everything scripts/start-postgres prints, status lines included.
    url = (os.environ.get(POSTGRES_ENV) or "").strip().rsplit("\n", 1)[-1].strip()
    if not url:
        pytest.skip(f"PostgreSQL tests need {POSTGRES_ENV} (e.g. from scripts/start-postgres)")
    try:
        engine = sa.create_engine(url)
    except sa.exc.ArgumentError:
        pytest.skip(f"{POSTGRES_ENV} does not end with a database URL")
    try:
        with engine.connect():
            pass
    except sa.exc.OperationalError:
        pytest.skip(f"PostgreSQL at {POSTGRES_ENV} is not reachable")
    finally:
        engine.dispose()
    return url


@pytest.fixture
def postgres_schema_url(postgres_url: str) -> Iterator[str]:
    """A URL whose connections use a brand-new, empty schema."""
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(postgres_url)
    with admin.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    url = sa.engine.make_url(postgres_url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Any) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tactful.db'}"
    return str(request.getfixturevalue("postgres_schema_url"))


@pytest.fixture
def make_post() -> Callable[..., StoredPost]:
    """A StoredPost factory: ``make_post("7", analysed=True, group="brand")``."""

    def make(platform_id: str, *, platform: str = "bluesky", analysed: bool = False, decided: bool = False,
             group: str = "brand", day: int = 0, **fields: Any) -> StoredPost:
        post = StoredPost(
            platform=platform,
            platform_id=platform_id,
            author_pseudonym=f"a{int(platform_id) % 3 if platform_id.isdigit() else 0}",
            text=f"post {platform_id} about the app",
            created_at=datetime(2026, 3, 1, 12, tzinfo=UTC) + timedelta(days=day),
            source="file:test.jsonl",
            matches=[QueryMatch(name=f"{group}-query", group=group)],
            mentions=["acme.bsky.social"],
            hashtags=["fail"],
            engagement={"likes": 3},
            pii_types={"email": 1},
            **fields,
        )
        if analysed:
            post.analysis = _sample_analysis()
        if decided:
            post.decision = Decision("respond", 70, "support", ["addressed", "intent.complaint"],
                                     "It addresses the brand and complains.", "v1")
        return post

    return make


@pytest.fixture
def analysis() -> Analysis:
    """An analysis with every field set (hate unscored)."""
    return _sample_analysis()


def _sample_analysis() -> Analysis:
    return Analysis(
        lang="en",
        sentiment=ClassScores("negative", {"negative": 0.75, "neutral": 0.2, "positive": 0.05}),
        emotion=ClassScores("anger", {"anger": 0.6, "joy": 0.1, "optimism": 0.1, "sadness": 0.2}),
        intent=ClassScores("complaint", {"complaint": 0.8, "question": 0.2}),
        complaint=BinaryScore(True, 0.9),
        irony=BinaryScore(False, 0.1),
        offensive=BinaryScore(False, 0.05),
        hate=BinaryScore(None, None),
        addressed=Addressed(True, "mentions_brand"),
        needs_response=BinaryScore(True, 0.8),
        aspects=[AspectHit("app", 0.7, "negative"), AspectHit("price", 0.4, "neutral")],
        tier="fast",
        versions={"sentiment": "1"},
    )
