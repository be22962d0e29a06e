"""The server-rendered pages (Jinja2 + htmx): a few lines each around ``views``.

Forms post back with the session's CSRF token and redirect (303) to the page,
with a one-time message; htmx fragments (``/partials/...``, the policy dry run)
send the token in the ``X-CSRF-Token`` header set on ``<body hx-headers>``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from typing import Any, Literal

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tactful.errors import TactfulError
from tactful.web import insight_data, query_settings, throttle, views
from tactful.web.auth import authorize, check_csrf, csrf_token, current_user, sign_in
from tactful.web.context import context_of
from tactful.web.paging import Page, PageParams
from tactful.web.query_settings import QueryChange
from tactful.web.ratelimit import TooManyFailures
from tactful.web.users import add_user, check_password, list_users

router = APIRouter(dependencies=[Depends(authorize)], include_in_schema=False)
Section = Literal["share-of-voice", "drivers", "topics", "alerts"]
NAV = [
    ("/", "Dashboard", "insights"),
    ("/posts", "Posts", "insights"),
    ("/insights/share-of-voice", "Insights", "insights"),
    ("/inbox", "Inbox", "inbox"),
    ("/privacy", "Privacy", "privacy"),
    ("/settings", "Settings", "admin"),
]


def render(request: Request, template: str, http_status: int = 200, **values: Any) -> HTMLResponse:
    user = getattr(request.state, "user", None)
    common = {
        "user": user,
        "csrf": csrf_token(request),
        "flash": request.session.pop("flash", None),
        "nav": [(href, label) for href, label, area in NAV if user and user.can(area)],
        "path": request.url.path,
    }
    return context_of(request).templates.TemplateResponse(
        request, template, {**common, **values}, status_code=http_status
    )


def render_error(request: Request, status: int, error: dict[str, Any]) -> HTMLResponse:
    if status == 401:
        return render(request, "login.html", 401, next=_safe_next(request.url.path), message=None)
    return render(request, "error.html", status, error=error, status=status)


def back(url: str, message: str | None = None, request: Request | None = None) -> RedirectResponse:
    if request is not None and message:
        request.session["flash"] = message
    return RedirectResponse(url, status_code=303)


def _safe_next(target: str | None) -> str:
    return target if target and target.startswith("/") and not target.startswith("//") else "/"


# --- signing in --------------------------------------------------------------------------------------


@router.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/login")
def login_page(request: Request, next: str = "/") -> HTMLResponse:
    return render(request, "login.html", next=_safe_next(next), message=None)


@router.post("/login")
async def login(
    request: Request,
    username: str = Form(max_length=64),
    password: str = Form(max_length=1024),
    next: str = Form("/"),
) -> Response:
    await check_csrf(request)
    ctx, keys = context_of(request), throttle.login_keys(request, username)
    try:
        throttle.refuse_if_blocked(ctx, keys, via="password")
    except TooManyFailures as exc:
        page = render(
            request, "login.html", 429, next=_safe_next(next), message=exc.message.capitalize() + "."
        )
        page.headers["Retry-After"] = str(exc.retry_after)
        return page
    user = check_password(ctx.store.engine, username, password)
    if user is None:
        throttle.record_failure(ctx, keys, via="password")
        return render(
            request, "login.html", 401, next=_safe_next(next), message="Wrong username or password."
        )
    throttle.record_success(ctx, keys)
    sign_in(request, user)
    return back(_safe_next(next))


@router.post("/logout")
def logout(request: Request) -> Response:
    request.session.clear()
    return back("/login")


# --- insights ----------------------------------------------------------------------------------------


@router.get("/")
def dashboard(request: Request) -> HTMLResponse:
    data = views.dashboard(context_of(request))
    return render(request, "dashboard.html", data=data, data_json=_script_json(data))


@router.get("/posts")
def posts(
    request: Request, p: PageParams, q: str = Query("", max_length=10_000),
    cursor: str | None = Query(None, max_length=64),
) -> HTMLResponse:
    check = views.check_query(q) if q.strip() else None
    found = views.search_posts(context_of(request), q, p, cursor) if check is None or check["ok"] else None
    return render(request, "posts.html", q=q, check=check, found=found, cursor=cursor)


@router.get("/insights/{section}")
def insights(request: Request, section: Section) -> HTMLResponse:
    ctx = context_of(request)
    readers: dict[str, Callable[[Any], Any]] = {
        "share-of-voice": insight_data.share_of_voice,
        "drivers": insight_data.drivers,
        "topics": partial(insight_data.topics, brand_handles=ctx.config.brand.all_handles()),
        "alerts": insight_data.alerts,
    }
    data = readers[section](ctx.store.engine)
    return render(request, "insights.html", section=section, data=data, data_json=_script_json(data))


@router.get("/partials/query-check")
def query_check(
    request: Request,
    q: str = Query("", max_length=10_000),
    query: str = Query("", max_length=10_000, description="The same, from a field named 'query'."),
) -> HTMLResponse:
    text = q or query
    return render(request, "_query_check.html", check=views.check_query(text), q=text)


# --- inbox -------------------------------------------------------------------------------------------


@router.get("/inbox")
def inbox(
    request: Request,
    p: PageParams,
    status: Literal["new", "assigned", "waiting_on_customer", "resolved"] | None = None,
    team: str | None = None,
) -> HTMLResponse:
    ctx = context_of(request)
    found = views.inbox_list(ctx, p, status=status, team=team or None)
    return render(
        request, "inbox.html", found=found, status=status, team=team or "", counts=views.inbox_counts(ctx)
    )


@router.get("/inbox/{item_id}")
def inbox_item(request: Request, item_id: int) -> HTMLResponse:
    return render(request, "inbox_item.html", data=views.inbox_item(context_of(request), item_id))


@router.post("/inbox/{item_id}/assign")
def inbox_assign(
    request: Request,
    item_id: int,
    person: str = Form("", max_length=255),
    team: str = Form("", max_length=64),
) -> Response:
    views.inbox_assign(context_of(request), item_id, _actor(request), person, team)
    return back(f"/inbox/{item_id}", "Assigned.", request)


@router.post("/inbox/{item_id}/reply")
def inbox_reply(
    request: Request,
    item_id: int,
    text: str = Form(min_length=1, max_length=5000),
    confirm: bool = Form(False),
) -> Response:
    reply = views.inbox_reply(context_of(request), item_id, _actor(request), text, confirm=confirm)
    done = "Reply recorded as sent." if reply["via"] == "manual" else f"Reply posted on {reply['via']}."
    return back(f"/inbox/{item_id}", done, request)


@router.post("/inbox/{item_id}/resolve")
def inbox_resolve(request: Request, item_id: int) -> Response:
    views.inbox_resolve(context_of(request), item_id, _actor(request))
    return back(f"/inbox/{item_id}", "Resolved.", request)


# --- privacy -----------------------------------------------------------------------------------------


@router.get("/privacy")
def privacy(request: Request) -> HTMLResponse:
    ctx = context_of(request)
    return render(
        request,
        "privacy.html",
        retention=views.retention_status(ctx),
        audit=views.audit_entries(ctx, Page(50, 0)),
        verify=views.audit_verify(ctx),
    )


@router.post("/privacy/optout")
def privacy_optout(
    request: Request,
    platform: str = Form(min_length=1, max_length=32),
    handle: str = Form(min_length=1, max_length=255),
) -> Response:
    result = views.opt_out_person(context_of(request), platform, handle, _actor(request))
    erased = result["erased"]
    return back(
        "/privacy",
        f"Opted out: erased {erased.get('posts', 0)} posts "
        f"({sum(erased.values())} rows in all); future posts are withheld.",
        request,
    )


@router.post("/privacy/subject")
def privacy_subject(
    request: Request,
    kind: Literal["export", "erase"] = Form(),
    platform: str = Form(min_length=1, max_length=32),
    handle: str = Form(min_length=1, max_length=255),
) -> Response:
    result = views.subject_request(context_of(request), kind, platform, handle, _actor(request))
    if kind == "export":
        return Response(
            json.dumps(result, indent=2, default=str, ensure_ascii=False),
            media_type="application/json",
            headers={"Content-Disposition": 'attachment; filename="subject-export.json"'},
        )
    return back("/privacy", f"Erased {sum(result['erased'].values())} rows.", request)


# --- settings ----------------------------------------------------------------------------------------


@router.get("/settings")
def settings(request: Request) -> HTMLResponse:
    ctx = context_of(request)
    return render(
        request,
        "settings.html",
        queries=views.queries(ctx),
        config_file=ctx.config.path.name if ctx.config.path else None,
        not_savable=query_settings.why_not_savable(ctx.config),
        policy=views.policy_info(ctx),
        users=list_users(ctx.store.engine),
    )


@router.post("/settings/users")
def settings_add_user(
    request: Request,
    username: str = Form(min_length=1, max_length=64),
    password: str = Form(min_length=1, max_length=1024),
    role: Literal["viewer", "agent", "privacy_officer", "admin"] = Form(),
) -> Response:
    try:
        add_user(context_of(request).store.engine, username, password, role=role)
    except TactfulError as exc:
        return back("/settings", f"Not added: {exc.message}", request)
    return back("/settings", f"Added {role} {username}.", request)


@router.post("/settings/queries")
def settings_add_query(
    request: Request,
    name: str = Form(min_length=1, max_length=64),
    group: str = Form("brand", max_length=100),
    query: str = Form(min_length=1, max_length=10_000),
) -> Response:
    return _save_query(request, QueryChange("add", name.strip(), group=group.strip(), query=query), "Added")


@router.post("/settings/queries/{name}")
def settings_edit_query(
    request: Request,
    name: str,
    group: str = Form("brand", max_length=100),
    query: str = Form(min_length=1, max_length=10_000),
    previous_query: str = Form("", max_length=10_000),
) -> Response:
    change = QueryChange("edit", name, group=group.strip(), query=query, previous=previous_query or None)
    return _save_query(request, change, "Saved")


@router.post("/settings/queries/{name}/remove")
def settings_remove_query(request: Request, name: str) -> Response:
    return _save_query(request, QueryChange("remove", name), "Removed")


def _save_query(request: Request, change: QueryChange, done: str) -> Response:
    try:
        result = views.save_query(context_of(request), change, _actor(request))
    except TactfulError as exc:
        return back("/settings", f"Query {change.name!r} not saved: {exc.message}", request)
    return back("/settings", f"{done} query {change.name!r}. {result['note']}", request)


@router.post("/settings/policy/dry-run")
def settings_dry_run(request: Request, policy_toml: str = Form("", max_length=100_000)) -> HTMLResponse:
    try:
        result, error = views.policy_dry_run(context_of(request), policy_toml), None
    except TactfulError as exc:
        result, error = None, exc.message
    return render(request, "_dry_run.html", result=result, error=error)


def _actor(request: Request) -> str:
    return f"web:{current_user(request).username}"


def _script_json(data: Any) -> str:
    """JSON safe inside a <script> element: no '</' can close it early."""
    return json.dumps(data).replace("</", "<\\/")
