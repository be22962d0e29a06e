"""One ``Inbox.sync`` worth of intake, batched: each post opens its thread's conversation or follows up in it.

The conversations of the batch's threads are loaded (and locked on PostgreSQL)
once; a new conversation is inserted on its own (its id is needed), then every
touched conversation gets one UPDATE and the post links and history events go
in with one executemany each.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from tactful.engage.conversation import Conversation, thread_key
from tactful.engage.workflow import next_status
from tactful.store.schema import inbox_conversations, inbox_events, inbox_posts

SYSTEM = "system:inbox"
_CHUNK = 400


class Intake:
    def __init__(self, conn: sa.Connection, now: datetime) -> None:
        self.conn = conn
        self.now = now
        self.known: dict[str, Conversation] = {}
        self.changed: dict[int, dict[str, Any]] = {}
        self.links: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []

    def run(self, pending: list[Any]) -> None:
        self._load(sorted({key_of(post) for post in pending}))
        for post in pending:
            self._take(post)
        self._flush()

    def _load(self, keys: list[str]) -> None:
        for start in range(0, len(keys), _CHUNK):
            query = sa.select(inbox_conversations).where(
                inbox_conversations.c.thread_key.in_(keys[start : start + _CHUNK])
            )
            if self.conn.dialect.name == "postgresql":
                query = query.with_for_update()
            for row in self.conn.execute(query):
                self.known[row.thread_key] = Conversation.from_row(row)

    def _take(self, post: Any) -> None:
        key = key_of(post)
        found = self.known.get(key)
        conversation = self._open(key, post) if found is None else self._follow_up(found, post)
        self.known[key] = conversation
        self.links.append({"conversation_id": conversation.id, "post_id": post.id})

    def _open(self, key: str, post: Any) -> Conversation:
        values: dict[str, Any] = {
            "thread_key": key, "opening_post_id": post.id, "platform": post.platform,
            "author_pseudonym": post.author_pseudonym, "status": "new", "action": post.action,
            "team": post.team, "assignee": None, "priority": post.priority, "reasons": list(post.reasons),
            "explanation": post.explanation, "opened_at": post.created_at, "updated_at": self.now,
        }  # fmt: skip
        result = self.conn.execute(sa.insert(inbox_conversations).values(**values))
        conversation = Conversation(id=int(result.inserted_primary_key[0]), **values)  # type: ignore[index]
        self._event(conversation.id, "open", {"post_id": post.id, "action": post.action})
        return conversation

    def _follow_up(self, conversation: Conversation, post: Any) -> Conversation:
        has_assignee = conversation.assignee is not None
        values: dict[str, Any] = {
            "status": next_status(conversation.status, "customer_post", has_assignee=has_assignee),
            "priority": max(conversation.priority, post.priority or 0),
            "updated_at": self.now,
        }
        if conversation.status in ("waiting_on_customer", "resolved"):
            values.update(pending_since=post.created_at, answered_pending_at=None, resolved_at=None)
        kind = "reopen" if conversation.status == "resolved" else "customer_post"
        self.changed[conversation.id] = {**self.changed.get(conversation.id, {}), **values}
        self._event(conversation.id, kind, {"post_id": post.id, "status": values["status"]})
        return replace(conversation, **values)

    def _event(self, conversation_id: int, kind: str, detail: dict[str, Any]) -> None:
        self.events.append({"conversation_id": conversation_id, "at": self.now, "actor": SYSTEM, "kind": kind,
                            "detail": detail})  # fmt: skip

    def _flush(self) -> None:
        table = inbox_conversations
        for conversation_id, values in self.changed.items():
            self.conn.execute(sa.update(table).where(table.c.id == conversation_id).values(**values))
        if self.links:
            self.conn.execute(sa.insert(inbox_posts), self.links)
        if self.events:
            self.conn.execute(sa.insert(inbox_events), self.events)


def key_of(post: Any) -> str:
    return thread_key(post.platform, post.thread_id or post.platform_id)
