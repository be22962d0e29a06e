"""Sign-in and API-token failures: refused with 429 past the limit, logged and audited without PII.

A wrong password counts against the account and the client's address; a bad
bearer token against the address. At ``max_failures`` within the window
(5 in 15 minutes) further attempts answer 429 with ``Retry-After`` before any
password is checked, even a right one. Each failure is written to the audit log
(``auth.failure``) and logged (``web.auth_failure``) with keyed hashes of the
account and the address, never the names themselves; attempts refused while
blocked are only logged (``web.auth_throttled``), so a flood cannot fill the log.
"""

from __future__ import annotations

import structlog
from fastapi import Request

from tactful.privacy.audit import AuditLog
from tactful.web.context import WebContext
from tactful.web.ratelimit import TooManyFailures

log = structlog.get_logger(__name__)
ANONYMOUS = "web:anonymous"


def client_address(request: Request) -> str:
    """The peer address (behind a proxy, run uvicorn with --proxy-headers so this is the client's)."""
    return request.client.host if request.client else "unknown"


def login_keys(request: Request, username: str) -> list[str]:
    return [f"account:{username.strip().lower()}", f"login-ip:{client_address(request)}"]


def token_keys(request: Request) -> list[str]:
    return [f"token-ip:{client_address(request)}"]


def refuse_if_blocked(ctx: WebContext, keys: list[str], *, via: str) -> None:
    wait = ctx.limiter.blocked(keys)
    if wait:
        log.warning("web.auth_throttled", via=via, keys=_hashed(ctx, keys), retry_after=wait)
        raise TooManyFailures(wait)


def record_failure(ctx: WebContext, keys: list[str], *, via: str) -> None:
    wait = ctx.limiter.fail(keys)
    hashed = _hashed(ctx, keys)
    log.warning("web.auth_failure", via=via, keys=hashed, now_blocked=bool(wait))
    AuditLog(ctx.store.engine, clock=ctx.limiter.clock).record(
        ANONYMOUS,
        "auth.failure",
        target=hashed[0],
        detail={"via": via, "keys": hashed, "now_blocked": bool(wait)},
    )


def record_success(ctx: WebContext, keys: list[str]) -> None:
    """A right password clears the account's count, not the address's (one good account must not)."""
    ctx.limiter.clear(keys[0])


def _hashed(ctx: WebContext, keys: list[str]) -> list[str]:
    return [f"{key.split(':', 1)[0]}:{ctx.limiter.pseudonym(key)}" for key in keys]
