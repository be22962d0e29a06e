"""``POST /ingest/webhook/{source}``: signed JSON pushed in, stored through the full pipeline.

A small FastAPI router the web app mounts (``app.include_router(webhook_router(...))``).
The signature is checked on the raw body before anything is parsed; a bad or
replayed signature answers 401, an unknown source 404, a body over 1 MiB 413,
unreadable JSON 400, all in the project's error shape
``{"error": {"code", "message", "detail"}}``. A good request answers 200 with
the batch's accounting. Deletes and the posts are written in one transaction.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from tactful.config import Config
from tactful.errors import NotFound, TactfulError, UsageError
from tactful.pipeline import Pipeline
from tactful.sources.runner import Eraser, in_batch, plan_batch
from tactful.sources.signatures import SignatureError
from tactful.sources.webhook import MAX_BODY_BYTES, WebhookSource
from tactful.store import Store

TIMESTAMP_HEADER = "X-Tactful-Timestamp"
SIGNATURE_HEADER = "X-Tactful-Signature"


class BodyTooLarge(UsageError):
    code = "E413"


def webhook_router(
    config: Config,
    store: Store,
    pipeline_for: Callable[[WebhookSource], Pipeline],
    *,
    environ: Mapping[str, str] | None = None,
    clock: Callable[[], float] = time.time,
    erase: Eraser | None = None,
) -> APIRouter:
    """``erase``: the privacy layer's deletion (``sources.listen.privacy_eraser``) for deletes."""
    environ = os.environ if environ is None else environ
    hooks = {
        name: WebhookSource.from_config(name, table)
        for name, table in config.sources.items()
        if table.get("type") == "webhook"
    }
    verifiers = {name: hook.verifier(environ) for name, hook in hooks.items()}
    pipelines = {name: pipeline_for(hook) for name, hook in hooks.items()}
    router = APIRouter()

    @router.post("/ingest/webhook/{source}")
    async def ingest_webhook(source: str, request: Request) -> JSONResponse:
        try:
            hook = _known(hooks, source)
            body = await _body(request)
            verifiers[source].verify(
                body,
                request.headers.get(TIMESTAMP_HEADER),
                request.headers.get(SIGNATURE_HEADER),
                now=clock(),
            )
            answer = await run_in_threadpool(ingest, hook, pipelines[source], store, body, erase)
            return JSONResponse(answer)
        except TactfulError as exc:
            return JSONResponse(exc.to_json(), status_code=_status(exc))

    return router


def ingest(
    hook: WebhookSource,
    pipeline: Pipeline,
    store: Store,
    body: bytes,
    erase: Eraser | None = None,
) -> dict[str, Any]:
    plan = plan_batch(hook.records(body), hook.record_key)
    done = pipeline.process(plan.writes)
    erase_deleted = in_batch(erase, plan.deleted)
    remove = [pipeline.stored_key(key) for key in plan.remove]
    new = store.write_batch(done.posts, done.quarantined, remove=remove, first=erase_deleted)
    report = done.report
    return {
        "read": report.read,
        "stored": new,
        "duplicate": len(done.posts) - new,
        "not_matched": report.not_matched,
        "withheld": report.withheld,
        "rejected": report.rejected,
        "deleted": plan.deletes,
    }


def _known(hooks: dict[str, WebhookSource], source: str) -> WebhookSource:
    if source not in hooks:
        raise NotFound("no webhook source by that name")
    return hooks[source]


async def _body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise BodyTooLarge("the request body is larger than 1 MiB")
    body = await request.body()
    if len(body) > MAX_BODY_BYTES:
        raise BodyTooLarge("the request body is larger than 1 MiB")
    return body


def _status(exc: TactfulError) -> int:
    if isinstance(exc, SignatureError):
        return 401
    return {"E404": 404, "E413": 413}.get(exc.code, 400 if isinstance(exc, UsageError) else 500)
