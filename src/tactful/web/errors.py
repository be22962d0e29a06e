"""One error shape for the whole API: ``{"error": {"code", "message", "detail"}}``.

TactfulErrors keep their stable code; validation errors become ``E422``; any
other HTTP error ``E<status>``. Pages get the same information as HTML; a page
asked for without signing in shows the sign-in form (status 401).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from tactful.errors import TactfulError

STATUS_BY_CODE = {"E401": 401, "E403": 403, "E404": 404, "E409": 409, "E413": 413, "E429": 429}


def status_for(error: TactfulError) -> int:
    if error.code in STATUS_BY_CODE:
        return STATUS_BY_CODE[error.code]
    return 400 if error.exit_code == 2 else 500


def error_body(code: str, message: str, detail: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "detail": detail or {}}}


def wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith(("/api/", "/events/", "/ingest/")):
        return False
    return "text/html" in request.headers.get("accept", "") or request.headers.get("hx-request") == "true"


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(TactfulError, _tactful_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]


async def _tactful_error(request: Request, exc: TactfulError) -> Response:
    response = _respond(request, status_for(exc), exc.to_json())
    if exc.code == "E429" and "retry_after" in exc.detail:
        response.headers["Retry-After"] = str(exc.detail["retry_after"])
    return response


async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
    problems = [{"where": ".".join(str(p) for p in e["loc"]), "problem": e["msg"]} for e in exc.errors()]
    return _respond(request, 422, error_body("E422", "the request is not valid", {"errors": problems}))


async def _http_error(request: Request, exc: HTTPException) -> Response:
    return _respond(request, exc.status_code, error_body(f"E{exc.status_code}", str(exc.detail)))


def _respond(request: Request, status: int, body: dict[str, Any]) -> Response:
    if not wants_html(request):
        return JSONResponse(body, status_code=status)
    from tactful.web.pages import render_error  # pages import this module

    return render_error(request, status, body["error"])
