"""Connector health: what each source last did, and whether it has gone quiet or is failing.

``SourceHealth`` is a small immutable record the connectors update through
pure functions and the store persists; ``tactful sources status`` and the
dashboard show it, and an alert is raised when ``state`` becomes ``quiet`` or
``failing`` (connectors must not silently stop).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

State = Literal["starting", "running", "quiet", "backing_off", "failing", "stopped"]


@dataclass(frozen=True, slots=True)
class SourceHealth:
    source: str
    state: State = "starting"
    last_event_at: datetime | None = None  # when we received the last event
    last_event_time: datetime | None = None  # the event's own timestamp (for lag)
    events: int = 0
    errors: int = 0
    consecutive_errors: int = 0
    last_error: str = ""  # a code and a short reason; never post content
    updated_at: datetime | None = None

    def lag_seconds(self) -> float | None:
        if self.last_event_at is None or self.last_event_time is None:
            return None
        return max(0.0, (self.last_event_at - self.last_event_time).total_seconds())


def on_events(h: SourceHealth, count: int, newest_event_time: datetime | None, now: datetime) -> SourceHealth:
    return replace(h, state="running", events=h.events + count, last_event_at=now,
                   last_event_time=newest_event_time or h.last_event_time, consecutive_errors=0,
                   updated_at=now)


def on_error(h: SourceHealth, reason: str, now: datetime, *, failing_after: int = 5) -> SourceHealth:
    streak = h.consecutive_errors + 1
    state: State = "failing" if streak >= failing_after else "backing_off"
    return replace(h, state=state, errors=h.errors + 1, consecutive_errors=streak, last_error=reason[:200],
                   updated_at=now)


def check_quiet(h: SourceHealth, now: datetime, *, quiet_after_seconds: float) -> SourceHealth:
    if h.state not in ("running", "starting"):
        return h
    since = h.last_event_at or h.updated_at
    if since is not None and (now - since).total_seconds() > quiet_after_seconds:
        return replace(h, state="quiet", updated_at=now)
    return h


def on_stop(h: SourceHealth, now: datetime) -> SourceHealth:
    return replace(h, state="stopped", updated_at=now)


def needs_alert(before: SourceHealth, after: SourceHealth) -> bool:
    return after.state in ("quiet", "failing") and before.state != after.state
