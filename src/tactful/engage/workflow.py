"""The inbox workflow as a pure state machine.

    new -> assigned -> waiting_on_customer -> resolved

A reply from the brand moves a conversation to ``waiting_on_customer``; a
customer post moves it back to ``assigned`` (or ``new`` when nobody owns it),
and reopens a resolved conversation. Every transition is recorded by the
inbox; this module only says which moves are legal and where they lead.
"""

from __future__ import annotations

from typing import Literal

from tactful.errors import UsageError

Status = Literal["new", "assigned", "waiting_on_customer", "resolved"]
Event = Literal["assign", "unassign", "reply", "customer_post", "resolve", "reopen"]

STATUSES: tuple[Status, ...] = ("new", "assigned", "waiting_on_customer", "resolved")


class TransitionError(UsageError):
    code = "E501"


def next_status(current: Status, event: Event, *, has_assignee: bool) -> Status:
    owned: Status = "assigned" if has_assignee else "new"
    if event == "assign":
        _refuse_if(current == "resolved", current, event)
        return "assigned" if current == "new" else current
    if event == "unassign":
        _refuse_if(current == "resolved", current, event)
        return "new" if current == "assigned" else current
    if event == "reply":
        _refuse_if(current == "resolved", current, event)
        return "waiting_on_customer"
    if event in ("customer_post", "reopen"):
        return owned
    if event == "resolve":
        _refuse_if(current == "resolved", current, event)
        return "resolved"
    raise TransitionError(f"unknown inbox event {event!r}")


def _refuse_if(condition: bool, current: str, event: str) -> None:
    if condition:
        raise TransitionError(f"cannot {event} a conversation that is {current.replace('_', ' ')}")
