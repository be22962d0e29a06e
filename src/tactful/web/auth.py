"""Who is asking, and may they: session cookies and bearer tokens, roles, CSRF.

``authorize`` is a dependency on every router: it finds the route's area in
``access.ACCESS``, identifies the caller (``Authorization: Bearer`` token, else
the signed session cookie), and answers 401 (nobody), 403 (wrong role) or lets
the request through. Requests authenticated by the cookie that change state
must carry the session's CSRF token (synchronizer pattern): the
``X-CSRF-Token`` header (htmx, fetch) or a ``csrf_token`` form field.
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import Request

from tactful.errors import PermissionDenied, UsageError
from tactful.web import access, throttle
from tactful.web.context import context_of
from tactful.web.users import User, get_user, user_for_token

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"


class NotSignedIn(UsageError):
    code = "E401"


class CsrfFailed(PermissionDenied):
    code = "E403"


async def authorize(request: Request) -> None:
    route = request.scope.get("route")
    area = access.required_area(request.method, getattr(route, "path", ""))
    if area is None:
        raise PermissionDenied("this route has no entry in the access table")
    if area in (access.PUBLIC, access.SIGNED):
        return
    user, by_cookie = _identify(request)
    if user is None:
        raise NotSignedIn("sign in, or send an API token (Authorization: Bearer ...)")
    request.state.user = user
    if area != access.SIGNED_IN and not user.can(area):
        raise PermissionDenied(f"your role ({user.role}) cannot use {area}")
    if by_cookie and request.method not in SAFE_METHODS:
        await check_csrf(request)


def current_user(request: Request) -> User:
    return request.state.user  # type: ignore[no-any-return]


def csrf_token(request: Request) -> str:
    """The session's CSRF token, made on first use."""
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return str(token)


async def check_csrf(request: Request) -> None:
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        sent = str((await request.form()).get(CSRF_FIELD) or "")
    expected = request.session.get("csrf") or ""
    if not sent or not expected or not hmac.compare_digest(sent, expected):
        raise CsrfFailed("missing or wrong CSRF token: reload the page and try again")


def sign_in(request: Request, user: User) -> None:
    request.session.clear()
    request.session["user"] = user.username
    request.session["csrf"] = secrets.token_urlsafe(32)  # a fresh token per session (no fixation)


def _identify(request: Request) -> tuple[User | None, bool]:
    engine = request.app.state.store.engine
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return _token_user(request, header[7:].strip()), False
    username = request.session.get("user")
    return (get_user(engine, username) if username else None), True


def _token_user(request: Request, token: str) -> User | None:
    """The token's user; a bad token counts against the caller's address (429 past the limit)."""
    ctx = context_of(request)
    keys = throttle.token_keys(request)
    throttle.refuse_if_blocked(ctx, keys, via="token")
    user = user_for_token(ctx.store.engine, token)
    if user is None:
        throttle.record_failure(ctx, keys, via="token")
    return user
