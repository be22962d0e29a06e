"""Posts revealing a sensitive category are left out of breakdowns, in Python and in SQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from tests.privacy.ops_fixtures import *  # noqa: F403

from tactful.privacy.reportable import is_reportable, reportable, reportable_clause
from tactful.records import Analysis, StoredPost
from tactful.store.schema import posts

CASES = [
    ("no-analysis", None, True),
    ("nothing-sensitive", Analysis(lang="en"), True),
    ("health", Analysis(lang="en", sensitive=["health"]), False),
    ("two", Analysis(lang="en", sensitive=["religion", "politics"]), False),
]


def post(name: str, analysis: Analysis | None) -> StoredPost:
    return StoredPost("bluesky", name, "k1.a", "text", datetime(2026, 3, 1, tzinfo=UTC), analysis=analysis)


@pytest.mark.parametrize(("name", "analysis", "expected"), CASES)
def test_is_reportable(name, analysis, expected):
    assert is_reportable(post(name, analysis)) is expected


def test_the_python_filter_and_the_sql_clause_agree(store):
    batch = [post(name, analysis) for name, analysis, _ in CASES]
    store.write_batch(batch, [])
    with store.engine.connect() as conn:
        in_sql = set(conn.execute(sa.select(posts.c.platform_id).where(reportable_clause())).scalars())
    assert in_sql == {p.platform_id for p in reportable(batch)} == {"no-analysis", "nothing-sensitive"}
