"""Server-sent events: the inbox and the spike alerts, pushed to open pages as they change.

Each stream polls the store (cheap aggregate queries) and sends an event only
when something changed: ``inbox`` carries the counts per status and the newest
event id; ``alert`` carries one new spike alert. ``max_events`` ends a stream
early (tests, scripts); browsers reconnect on their own.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from typing import Any

import sqlalchemy as sa
from fastapi import APIRouter, Depends, Query, Request
from sse_starlette.sse import EventSourceResponse
from starlette.concurrency import run_in_threadpool

from tactful.store.schema import inbox_events
from tactful.web import insight_data, views
from tactful.web.auth import authorize
from tactful.web.context import WebContext, context_of

router = APIRouter(prefix="/events", dependencies=[Depends(authorize)])
MaxEvents = Query(0, ge=0, le=1000, description="Stop after this many events (0: keep streaming).")


@router.get("/inbox")
async def inbox_stream(
    request: Request, max_events: int = MaxEvents, interval: float = Query(2.0, ge=0.2, le=60)
) -> EventSourceResponse:
    ctx = context_of(request)
    return EventSourceResponse(_changes(request, lambda: _inbox_state(ctx), "inbox", max_events, interval))


@router.get("/alerts")
async def alerts_stream(
    request: Request, max_events: int = MaxEvents, interval: float = Query(10.0, ge=0.2, le=300)
) -> EventSourceResponse:
    ctx = context_of(request)
    return EventSourceResponse(_new_alerts(request, ctx, max_events, interval))


def _inbox_state(ctx: WebContext) -> dict[str, Any]:
    ctx.inbox.sync()
    with ctx.store.engine.connect() as conn:
        newest = conn.execute(sa.select(sa.func.max(inbox_events.c.id))).scalar_one()
    return {"counts": views.inbox_counts(ctx), "last_event": newest or 0}


async def _changes(
    request: Request, read: Callable[[], dict[str, Any]], name: str, max_events: int, interval: float
) -> AsyncIterator[dict[str, str]]:
    sent, last = 0, None
    while not await request.is_disconnected():
        state = await run_in_threadpool(read)
        if state != last:
            last, sent = state, sent + 1
            yield {"event": name, "data": json.dumps(state)}
            if max_events and sent >= max_events:
                return
        await asyncio.sleep(interval)


async def _new_alerts(
    request: Request, ctx: WebContext, max_events: int, interval: float
) -> AsyncIterator[dict[str, str]]:
    seen: set[str] = set()
    sent = 0
    while not await request.is_disconnected():
        found = await run_in_threadpool(insight_data.alerts, ctx.store.engine)
        fresh = [a for a in found if a["id"] not in seen] or ([] if sent else [{"kind": "none", "id": ""}])
        for alert in fresh:
            seen.add(alert["id"])
            sent += 1
            yield {"event": "alert", "data": json.dumps(alert)}
            if max_events and sent >= max_events:
                return
        await asyncio.sleep(interval)
