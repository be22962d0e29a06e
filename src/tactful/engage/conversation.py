"""What the inbox hands out: a conversation, its history, notes and replies, as plain records.

Pure: the rows come from ``engage/inbox.py``; here they become dataclasses with
their SLA clock and a JSON form for ``tactful inbox ... --json`` and the API.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from tactful.engage.sla import SlaClock, SlaPolicy, SlaReport, evaluate
from tactful.engage.workflow import Status
from tactful.records import to_dict


def thread_key(platform: str, root_id: str) -> str:
    """One conversation per thread: the platform and the id of the thread's first post."""
    return f"{platform}:{root_id}"


@dataclass(frozen=True, slots=True)
class Conversation:
    id: int
    thread_key: str
    opening_post_id: int
    platform: str
    author_pseudonym: str
    status: Status
    action: str  # the decision that opened it: respond or route
    team: str | None
    assignee: str | None
    priority: int
    reasons: list[str]
    explanation: str
    opened_at: datetime
    updated_at: datetime
    first_reply_at: datetime | None = None
    pending_since: datetime | None = None
    answered_pending_at: datetime | None = None
    resolved_at: datetime | None = None

    @classmethod
    def from_row(cls, row: Any) -> Conversation:
        return cls(**{name: getattr(row, name) for name in cls.__slots__})  # type: ignore[attr-defined]

    def clock(self) -> SlaClock:
        return SlaClock(
            self.opened_at,
            self.first_reply_at,
            self.pending_since,
            self.answered_pending_at,
            self.resolved_at,
        )

    def sla(self, policy: SlaPolicy, now: datetime) -> SlaReport:
        return evaluate(self.clock(), policy, now)

    def to_json(self, report: SlaReport | None = None) -> dict[str, Any]:
        data = to_dict(self)
        if report is not None:
            data["sla"] = asdict(report)
        return data


@dataclass(frozen=True, slots=True)
class Event:
    at: datetime
    actor: str
    kind: str  # open, customer_post, reopen, assign, note, reply, resolve
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Note:
    at: datetime
    author: str
    text: str  # PII-masked before it was stored


@dataclass(frozen=True, slots=True)
class Reply:
    id: int
    at: datetime
    author: str
    text: str
    via: str  # "manual" or the posting connector's name
    remote_id: str | None = None
