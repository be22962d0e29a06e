"""Posts that may appear in breakdowns: not those revealing a sensitive category about their author.

A post whose analysis lists sensitive categories (``Analysis.sensitive``: health,
religion, sexuality, politics, ethnicity, see ``sensitive.py``) is left out of every
breakdown and chart. Insights use ``reportable`` on records and
``reportable_clause`` in SQL (the ``analyses`` table's JSON); posts without an
analysis count as reportable, since nothing flagged them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import sqlalchemy as sa

from tactful.records import StoredPost
from tactful.store.schema import analyses, posts


def is_reportable(post: StoredPost) -> bool:
    return post.analysis is None or not post.analysis.sensitive


def reportable(batch: Iterable[StoredPost]) -> Iterator[StoredPost]:
    return (post for post in batch if is_reportable(post))


def reportable_clause() -> sa.ColumnElement[bool]:
    """``WHERE`` condition on ``posts``: true for posts without sensitive categories."""
    flagged = sa.select(analyses.c.post_id).where(
        analyses.c.post_id == posts.c.id, _non_empty(analyses.c.analysis["sensitive"])
    )
    return ~flagged.exists()


def _non_empty(array: Any) -> sa.ColumnElement[bool]:
    text = sa.cast(array, sa.Text)
    return sa.and_(array.isnot(None), text.notin_(["[]", "null"]))
