"""The inbox's part of a person's data: found, exported and erased with everything else about them.

``InboxData`` follows privacy-ops' ``SubjectData`` protocol (``export``/``erase``
over a connection in the caller's transaction) and is registered as ``inbox`` in
``tactful.privacy.subject_data``, so an opt-out, an erasure request or a deletion
sync removes every conversation the person opened or that holds one of their
posts: its posts links, history, notes and replies. Children are deleted
explicitly, without relying on foreign-key cascades.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from tactful.privacy.subject_data import Subject, subject_data
from tactful.store.schema import (
    inbox_conversations,
    inbox_events,
    inbox_notes,
    inbox_posts,
    inbox_replies,
    posts,
)

CHILDREN = (inbox_events, inbox_notes, inbox_replies, inbox_posts)


class InboxData:
    def export(self, conn: sa.Connection, subject: Subject) -> list[dict[str, Any]]:
        out = []
        for row in conn.execute(
            sa.select(inbox_conversations)
            .where(inbox_conversations.c.id.in_(conversation_ids(conn, subject)))
            .order_by(inbox_conversations.c.id)
        ):
            item = _jsonable(row)
            item["notes"] = _texts(conn, inbox_notes, row.id)
            item["replies"] = _texts(conn, inbox_replies, row.id)
            out.append(item)
        return out

    def erase(self, conn: sa.Connection, subject: Subject) -> dict[str, int]:
        ids = conversation_ids(conn, subject)
        counts = {str(table.name): 0 for table in (*CHILDREN, inbox_conversations)}
        for start in range(0, len(ids), 400):
            chunk = ids[start : start + 400]
            for table in CHILDREN:
                counts[str(table.name)] += (
                    conn.execute(sa.delete(table).where(table.c.conversation_id.in_(chunk))).rowcount or 0
                )
            counts[str(inbox_conversations.name)] += (
                conn.execute(
                    sa.delete(inbox_conversations).where(inbox_conversations.c.id.in_(chunk))
                ).rowcount
                or 0
            )
        return counts


def conversation_ids(conn: sa.Connection, subject: Subject) -> list[int]:
    """Conversations the subject opened, or that hold one of their posts (or one of the given posts)."""
    pseudonyms = sorted(subject.pseudonyms)
    their_posts = sa.select(posts.c.id).where(posts.c.author_pseudonym.in_(pseudonyms))
    holding = sa.select(inbox_posts.c.conversation_id).where(
        sa.or_(inbox_posts.c.post_id.in_(their_posts), inbox_posts.c.post_id.in_(list(subject.post_ids)))
    )
    opened = sa.select(inbox_conversations.c.id).where(inbox_conversations.c.author_pseudonym.in_(pseudonyms))
    return sorted(set(conn.execute(holding).scalars()) | set(conn.execute(opened).scalars()))


def _texts(conn: sa.Connection, table: sa.Table, conversation_id: int) -> Sequence[dict[str, Any]]:
    query = sa.select(table.c.at, table.c.text).where(table.c.conversation_id == conversation_id)
    return [_jsonable(r) for r in conn.execute(query.order_by(table.c.id))]


def _jsonable(row: Any) -> dict[str, Any]:
    return {
        key: value.isoformat() if isinstance(value, datetime) else value
        for key, value in row._mapping.items()
    }


def register() -> None:
    subject_data.add("inbox", INBOX_DATA)  # idempotent for the same object


INBOX_DATA = InboxData()
register()
