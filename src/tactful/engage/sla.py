"""Service-level targets per team, and whether each conversation hit or missed them.

Targets are minutes, counted on the clock or, when business hours are set,
in business minutes only. Each target of a conversation is ``active`` (still
running), ``hit`` (met in time) or ``missed`` (late, or overdue now).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field

SlaState = Literal["active", "hit", "missed"]
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class BusinessHours(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    start: time = Field(default=time(9), description="Opening time, local.")
    end: time = Field(default=time(17), description="Closing time, local.")
    days: tuple[str, ...] = Field(default=WEEKDAYS[:5], description="Open days: mon..sun.")
    timezone: str = Field(default="UTC", description="IANA time zone, e.g. Europe/Berlin.")


class SlaPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    first_response_minutes: int = Field(default=60, ge=1, description="Time to the first reply.")
    next_response_minutes: int = Field(default=240, ge=1, description="Time to answer a customer follow-up.")
    resolution_minutes: int = Field(default=1440, ge=1, description="Time to resolve the conversation.")
    business_hours: BusinessHours | None = Field(default=None, description="Count only business minutes.")


@dataclass(frozen=True, slots=True)
class SlaClock:
    """What happened in a conversation, for SLA purposes."""

    opened_at: datetime
    first_reply_at: datetime | None = None
    pending_since: datetime | None = None  # oldest customer post after the last reply
    answered_pending_at: datetime | None = None
    resolved_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class SlaReport:
    first_response: SlaState
    next_response: SlaState | None
    resolution: SlaState

    def breached(self) -> bool:
        return "missed" in (self.first_response, self.next_response, self.resolution)


def evaluate(clock: SlaClock, policy: SlaPolicy, now: datetime) -> SlaReport:
    first = _state(clock.opened_at, policy.first_response_minutes, clock.first_reply_at, now, policy)
    nxt = None
    if clock.pending_since is not None:
        nxt = _state(clock.pending_since, policy.next_response_minutes, clock.answered_pending_at, now, policy)
    resolution = _state(clock.opened_at, policy.resolution_minutes, clock.resolved_at, now, policy)
    return SlaReport(first, nxt, resolution)


def _state(start: datetime, minutes: int, met_at: datetime | None, now: datetime, policy: SlaPolicy) -> SlaState:
    deadline = due(start, minutes, policy.business_hours)
    if met_at is not None:
        return "hit" if met_at <= deadline else "missed"
    return "active" if now <= deadline else "missed"


def due(start: datetime, minutes: int, hours: BusinessHours | None) -> datetime:
    if hours is None:
        return start + timedelta(minutes=minutes)
    return _add_business_minutes(start, minutes, hours)


def _add_business_minutes(start: datetime, minutes: int, hours: BusinessHours) -> datetime:
    zone = ZoneInfo(hours.timezone)
    cursor = start.astimezone(zone)
    remaining = timedelta(minutes=minutes)
    for _ in range(366 * 2):  # bounded: at most two years of days
        day_open = cursor.replace(hour=hours.start.hour, minute=hours.start.minute, second=0, microsecond=0)
        day_close = cursor.replace(hour=hours.end.hour, minute=hours.end.minute, second=0, microsecond=0)
        if WEEKDAYS[cursor.weekday()] in hours.days and cursor < day_close:
            cursor = max(cursor, day_open)
            if cursor + remaining <= day_close:
                return (cursor + remaining).astimezone(start.tzinfo)
            remaining -= day_close - cursor
        cursor = (cursor + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    raise ValueError("business hours never open: check the days setting")
