"""The triage inbox on the store: one conversation per thread, its workflow, history and SLA clock.

    inbox = Inbox(store.engine, sla={"support": SlaPolicy(first_response_minutes=30)})
    inbox.sync()                                   # take in every new respond/route decision
    item = inbox.claim_next(actor="alice", team="support")
    inbox.note(item.id, "called them back", actor="alice")     # PII-masked before it is stored
    inbox.record_reply(item.id, "Hi, ...", actor="alice")      # engage/sending.py sends it
    inbox.resolve(item.id, actor="alice")

``sync`` is idempotent: a post joins the inbox once. A respond/route decision opens
a conversation for its thread; a later customer post in that thread joins it and
moves it on (``workflow.next_status``), reopening it when it was resolved.
Assignment is concurrency-safe: on PostgreSQL rows are locked with
``SELECT ... FOR UPDATE`` (``SKIP LOCKED`` when claiming the next item, so
claimers never wait on each other or get the same item); on SQLite each
operation takes the write lock before it reads (``BEGIN IMMEDIATE``). Syncs are
serialised (an advisory lock on PostgreSQL, ``store/locks.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from tactful.engage import inbox_subject  # noqa: F401  (registers the inbox's subject data eraser)
from tactful.engage.conversation import Conversation, Event, Note, Reply, thread_key
from tactful.engage.facts import ThreadContext
from tactful.engage.intake import Intake
from tactful.engage.sla import SlaPolicy, SlaReport
from tactful.engage.workflow import STATUSES, next_status
from tactful.engage.workflow import Event as WorkflowEvent
from tactful.errors import NotFound, UsageError
from tactful.records import StoredPost, utcnow
from tactful.store import rows
from tactful.store.locks import exclusive, retry_conflicts, take_sqlite_write_lock
from tactful.store.schema import (
    analyses,
    decisions,
    inbox_conversations,
    inbox_events,
    inbox_notes,
    inbox_posts,
    inbox_replies,
    posts,
)

ANSWERABLE = ("respond", "route")
Clock = Callable[[], datetime]
conversations = inbox_conversations

# platform + ":" + thread root: the same key ``thread_key`` builds, in SQL.
_POST_THREAD_KEY = posts.c.platform + ":" + sa.func.coalesce(posts.c.thread_id, posts.c.platform_id)


class Inbox:
    def __init__(
        self,
        engine: sa.Engine,
        *,
        sla: Mapping[str, SlaPolicy] | None = None,
        brand_handles: Iterable[str] = (),
        clock: Clock = utcnow,
    ) -> None:
        self._engine = engine
        self._sla = dict(sla or {})
        self._brand_handles = tuple(brand_handles)
        self._clock = clock

    @property
    def engine(self) -> sa.Engine:
        return self._engine

    def now(self) -> datetime:
        return self._clock()

    # --- intake -----------------------------------------------------------------------------

    def sync(self) -> int:
        """Take in every stored post the inbox has not seen that it should; return how many.

        One sync at a time (the web app's requests, CLI commands): each reads what is pending only
        once it holds the lock, so a post joins once and a thread opens one conversation. A post a
        listener deletes between the read and the write makes the sync run again.
        """
        return retry_conflicts(self._sync_once, what="inbox.sync")

    def _sync_once(self) -> int:
        # Pending ids first, then the rows a chunk at a time: memory stays flat however many wait.
        with self._engine.begin() as conn:
            exclusive(conn, "inbox.sync")
            ids = list(conn.execute(_pending_posts().with_only_columns(posts.c.id)).scalars())
            if conn.dialect.name == "postgresql" and len(ids) > SYNC_CHUNK:
                # The conversations this sync opens are not in the planner's statistics (uncommitted), so
                # PostgreSQL would look each chunk's threads up by scanning the whole growing table.
                conn.execute(sa.text("SET LOCAL enable_seqscan = off"))
            now = self._clock()
            for start in range(0, len(ids), SYNC_CHUNK):
                chunk = ids[start : start + SYNC_CHUNK]
                # Pending when read above, under the sync lock: the chunk is read by id alone.
                Intake(conn, now).run(list(conn.execute(_decided_posts().where(posts.c.id.in_(chunk)))))
        return len(ids)

    # --- reading ----------------------------------------------------------------------------

    def items(
        self,
        *,
        status: str | None = None,
        team: str | None = None,
        assignee: str | None = None,
        include_resolved: bool = False,
        limit: int = 50,
    ) -> list[Conversation]:
        """Conversations, most urgent first."""
        if status is not None and status not in STATUSES:
            raise UsageError(f"unknown status {status!r} (choose from: {', '.join(STATUSES)})")
        query = sa.select(conversations)
        if status is not None:
            query = query.where(conversations.c.status == status)
        elif not include_resolved:
            query = query.where(conversations.c.status != "resolved")
        if team is not None:
            query = query.where(conversations.c.team == team)
        if assignee is not None:
            query = query.where(conversations.c.assignee == assignee)
        query = query.order_by(conversations.c.priority.desc(), conversations.c.opened_at, conversations.c.id)
        with self._engine.connect() as conn:
            return [Conversation.from_row(r) for r in conn.execute(query.limit(limit))]

    def all(self) -> list[Conversation]:
        with self._engine.connect() as conn:
            return [Conversation.from_row(r) for r in conn.execute(sa.select(conversations))]

    def get(self, conversation_id: int) -> Conversation:
        with self._engine.connect() as conn:
            row = conn.execute(sa.select(conversations).where(conversations.c.id == conversation_id)).first()
        if row is None:
            raise NotFound(f"no inbox item {conversation_id}")
        return Conversation.from_row(row)

    def posts(self, conversation_id: int) -> list[StoredPost]:
        """The conversation's customer posts, oldest first, with their analysis and decision."""
        query = (
            sa.select(posts, analyses.c.analysis, decisions)
            .join(inbox_posts, inbox_posts.c.post_id == posts.c.id)
            .outerjoin(analyses, analyses.c.post_id == posts.c.id)
            .outerjoin(decisions, decisions.c.post_id == posts.c.id)
            .where(inbox_posts.c.conversation_id == conversation_id)
            .order_by(posts.c.created_at, posts.c.id)
        )
        with self._engine.connect() as conn:
            found = conn.execute(query).all()
        return [rows.stored_post(r, [], r.analysis, r if r.action is not None else None) for r in found]

    def history(self, conversation_id: int) -> list[Event]:
        return [
            Event(r.at, r.actor, r.kind, dict(r.detail))
            for r in self._children(inbox_events, conversation_id)
        ]

    def notes(self, conversation_id: int) -> list[Note]:
        return [Note(r.at, r.author, r.text) for r in self._children(inbox_notes, conversation_id)]

    def replies(self, conversation_id: int) -> list[Reply]:
        return [
            Reply(r.id, r.at, r.author, r.text, r.via, r.remote_id)
            for r in self._children(inbox_replies, conversation_id)
        ]

    def _children(self, table: sa.Table, conversation_id: int) -> list[Any]:
        query = sa.select(table).where(table.c.conversation_id == conversation_id).order_by(table.c.id)
        with self._engine.connect() as conn:
            return list(conn.execute(query))

    def sla_policy(self, team: str | None) -> SlaPolicy:
        return self._sla.get(team or "", self._sla.get("default", SlaPolicy()))

    def sla(self, conversation: Conversation, now: datetime | None = None) -> SlaReport:
        return conversation.sla(self.sla_policy(conversation.team), now or self._clock())

    def sends_since(self, since: datetime) -> int:
        """Replies recorded since ``since``, by anyone (the per-hour send limit counts them)."""
        query = sa.select(sa.func.count()).select_from(inbox_replies).where(inbox_replies.c.at >= since)
        with self._engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    # --- work -------------------------------------------------------------------------------

    def assign(
        self, conversation_id: int, *, actor: str, person: str | None = None, team: str | None = None
    ) -> Conversation:
        """Give the conversation to a person, to a team (which clears the person), or both."""
        if not person and not team:
            raise UsageError("assign to a person, a team, or both")
        with self._engine.begin() as conn:
            current = _locked(conn, conversation_id)
            has_person = bool(person) or (current.assignee is not None and not team)
            event: WorkflowEvent = "assign" if has_person else "unassign"
            values: dict[str, Any] = {
                "status": next_status(current.status, event, has_assignee=has_person),
                "assignee": person or (None if team else current.assignee),
                "team": team or current.team,
                "updated_at": self._clock(),
            }
            _update(conn, conversation_id, values)
            _event(
                conn, conversation_id, values["updated_at"], actor, "assign", {"person": person, "team": team}
            )
        return self.get(conversation_id)

    def claim_next(
        self, *, actor: str, team: str | None = None, person: str | None = None
    ) -> Conversation | None:
        """Assign the most urgent unowned conversation to ``person`` (default: ``actor``, who is
        recorded as doing it); two agents never get the same one."""
        person = person or actor
        for _ in range(5):  # another agent may win the race for a candidate: try the next one
            with self._engine.begin() as conn:
                if conn.dialect.name == "sqlite":  # no row locks: read the candidate under the write lock
                    take_sqlite_write_lock(conn)
                candidate = conn.execute(_next_unowned(conn, team)).first()
                if candidate is None:
                    return None
                now = self._clock()
                claimed = conn.execute(
                    sa.update(conversations)
                    .where(
                        conversations.c.id == candidate.id,
                        conversations.c.assignee.is_(None),
                        conversations.c.status == "new",
                    )
                    .values(assignee=person, status="assigned", updated_at=now)
                )
                if claimed.rowcount == 1:
                    _event(conn, candidate.id, now, actor, "assign", {"person": person, "team": None})
                    return self.get_in(conn, candidate.id)
        return None

    def get_in(self, conn: sa.Connection, conversation_id: int) -> Conversation:
        return Conversation.from_row(
            conn.execute(sa.select(conversations).where(conversations.c.id == conversation_id)).one()
        )

    def note(self, conversation_id: int, text: str, *, actor: str) -> Note:
        """An internal note; PII in it is masked before it is stored."""
        if not text.strip():
            raise UsageError("a note needs some text")
        masked = mask_pii(text, self._brand_handles)
        with self._engine.begin() as conn:
            _locked(conn, conversation_id)
            now = self._clock()
            conn.execute(
                sa.insert(inbox_notes).values(
                    conversation_id=conversation_id, at=now, author=actor, text=masked
                )
            )
            _event(conn, conversation_id, now, actor, "note", {})
        return Note(now, actor, masked)

    def record_reply(
        self,
        conversation_id: int,
        text: str,
        *,
        actor: str,
        via: str = "manual",
        remote_id: str | None = None,
    ) -> Reply:
        """Record a reply the brand sent (engage/sending.py decides how it is sent)."""
        with self._engine.begin() as conn:
            current = _locked(conn, conversation_id)
            now = self._clock()
            values: dict[str, Any] = {
                "status": next_status(current.status, "reply", has_assignee=current.assignee is not None),
                "first_reply_at": current.first_reply_at or now,
                "updated_at": now,
            }
            if current.pending_since is not None and current.answered_pending_at is None:
                values["answered_pending_at"] = now
            _update(conn, conversation_id, values)
            result = conn.execute(
                sa.insert(inbox_replies).values(
                    conversation_id=conversation_id,
                    at=now,
                    author=actor,
                    text=text,
                    via=via,
                    remote_id=remote_id,
                )
            )
            reply_id = int(result.inserted_primary_key[0])  # type: ignore[index]
            _event(conn, conversation_id, now, actor, "reply", {"reply_id": reply_id, "via": via})
        return Reply(reply_id, now, actor, text, via, remote_id)

    def resolve(self, conversation_id: int, *, actor: str) -> Conversation:
        with self._engine.begin() as conn:
            current = _locked(conn, conversation_id)
            now = self._clock()
            status = next_status(current.status, "resolve", has_assignee=current.assignee is not None)
            _update(conn, conversation_id, {"status": status, "resolved_at": now, "updated_at": now})
            _event(conn, conversation_id, now, actor, "resolve", {})
        return self.get(conversation_id)

    # --- the decide stage's view of a thread --------------------------------------------------

    def thread_contexts(self, batch: list[StoredPost]) -> dict[str, ThreadContext]:
        """Per thread root id (``decide_posts``' key): earlier customer posts, and waiting since when."""
        roots = {post.thread_id or post.platform_id: post.platform for post in batch}
        if not roots:
            return {}
        keys = {thread_key(platform, root): root for root, platform in roots.items()}
        with self._engine.connect() as conn:
            counts = {
                key: n
                for key, n in conn.execute(
                    sa.select(_POST_THREAD_KEY, sa.func.count())
                    .where(sa.or_(posts.c.thread_id.in_(roots), posts.c.platform_id.in_(roots)))
                    .group_by(_POST_THREAD_KEY)
                )
            }
            found = [
                Conversation.from_row(r)
                for r in conn.execute(sa.select(conversations).where(conversations.c.thread_key.in_(keys)))
            ]
        waiting = {c.thread_key: _waiting_since(c) for c in found}
        return {root: ThreadContext(int(counts.get(key, 0)), waiting.get(key)) for key, root in keys.items()}


def _waiting_since(conversation: Conversation) -> datetime | None:
    if conversation.status == "resolved":
        return None
    if conversation.first_reply_at is None:
        return conversation.opened_at
    if conversation.pending_since is not None and conversation.answered_pending_at is None:
        return conversation.pending_since
    return None


def mask_pii(text: str, brand_handles: Iterable[str] = ()) -> str:
    """The privacy redaction over free text an agent typed: e-mails, phones, handles become placeholders."""
    from tactful.privacy.detect import detect_pii
    from tactful.privacy.redact import redact

    return redact(text, detect_pii(text, brand_handles), pseudonymise_handle=lambda _handle: "[handle]")


SYNC_CHUNK = 5_000  # pending posts read and taken in per step of a sync


def _pending_posts() -> sa.Select[Any]:
    """Stored posts not in the inbox yet that open a conversation or follow up in one, oldest first."""
    in_open_thread = (
        sa.select(conversations.c.id).where(conversations.c.thread_key == _POST_THREAD_KEY).exists()
    )
    taken = sa.select(inbox_posts.c.post_id).where(inbox_posts.c.post_id == posts.c.id).exists()
    return _decided_posts().where(
        ~taken,
        sa.or_(decisions.c.action.in_(ANSWERABLE), sa.and_(decisions.c.action != "suppress", in_open_thread)),
    )


def _decided_posts() -> sa.Select[Any]:
    """Stored posts with what intake needs of their decision, oldest first. A sync reads a chunk of
    pending ids through this plain join (primary-key lookups): re-testing the pending filter per
    chunk made PostgreSQL scan the decisions and conversations tables once per chunk."""
    return (
        sa.select(
            posts.c.id,
            posts.c.platform,
            posts.c.platform_id,
            posts.c.thread_id,
            posts.c.author_pseudonym,
            posts.c.created_at,
            decisions.c.action,
            decisions.c.priority,
            decisions.c.team,
            decisions.c.reasons,
            decisions.c.explanation,
        )
        .join(decisions, decisions.c.post_id == posts.c.id)
        .order_by(posts.c.created_at, posts.c.id)
    )


def _lock(query: sa.Select[Any], conn: sa.Connection, *, skip_locked: bool = False) -> sa.Select[Any]:
    return query.with_for_update(skip_locked=skip_locked) if conn.dialect.name == "postgresql" else query


def _locked(conn: sa.Connection, conversation_id: int) -> Conversation:
    """The conversation, locked for this transaction (PostgreSQL: row lock; SQLite: the write lock)."""
    if conn.dialect.name == "sqlite":  # a no-op write takes SQLite's write lock before we read
        conn.execute(
            sa.update(conversations)
            .where(conversations.c.id == conversation_id)
            .values(updated_at=conversations.c.updated_at)
        )
    row = conn.execute(
        _lock(sa.select(conversations).where(conversations.c.id == conversation_id), conn)
    ).first()
    if row is None:
        raise NotFound(f"no inbox item {conversation_id}")
    return Conversation.from_row(row)


def _next_unowned(conn: sa.Connection, team: str | None) -> sa.Select[Any]:
    query = sa.select(conversations.c.id).where(
        conversations.c.status == "new", conversations.c.assignee.is_(None)
    )
    if team is not None:
        query = query.where(conversations.c.team == team)
    query = query.order_by(
        conversations.c.priority.desc(), conversations.c.opened_at, conversations.c.id
    ).limit(1)
    return _lock(query, conn, skip_locked=True)


def _update(conn: sa.Connection, conversation_id: int, values: dict[str, Any]) -> None:
    conn.execute(sa.update(conversations).where(conversations.c.id == conversation_id).values(**values))


def _event(
    conn: sa.Connection, conversation_id: int, at: datetime, actor: str, kind: str, detail: dict[str, Any]
) -> None:
    conn.execute(
        sa.insert(inbox_events).values(
            conversation_id=conversation_id, at=at, actor=actor, kind=kind, detail=detail
        )
    )
