"""HTTP for live sources: one request, retried politely until it succeeds or the source stops.

Network errors, 5xx and 429 are retried: after the server's ``Retry-After``
when it gives one, else after a jittered exponential backoff. Any other 4xx is
reported as well (a revoked token must show up in the health record) and
retried on the backoff's slow end rather than crashing the listener. A
successful response whose ``X-RateLimit-*`` headers say the window is spent
pauses until the window resets, so the next request is not refused.
Every failure is reported to ``link.failed`` as a short code, never a URL
with a token in it or a response body.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import structlog

from tactful.sources.backoff import rate_limit_pause, retry_after
from tactful.sources.live import Link

log = structlog.get_logger(__name__)

RETRYABLE = {429, 500, 502, 503, 504}


def request(
    client: httpx.Client,
    method: str,
    url: str,
    link: Link,
    *,
    source: str,
    reauthorise: Callable[[], dict[str, str]] | None = None,
    give_up_on_client_error: bool = False,
    **options: Any,
) -> httpx.Response | None:
    """The first successful (2xx/3xx) response, or None once the source is told to stop.

    ``reauthorise``, when given, is called after a 401 for fresh headers (an expired OAuth token).
    ``give_up_on_client_error``: a 4xx other than 401 and 429 is reported and returned at once
    (one dead feed must not hold up the others); callers then check the status.
    """
    attempt = 0
    while not link.stop.is_set():
        attempt += 1
        response, reason = _attempt(client, method, url, **options)
        if response is not None and reason is None:
            _respect_rate_limit(response, link, source=source)
            return response
        link.failed(reason or "http_error")
        if give_up_on_client_error and response is not None and _hopeless(response.status_code, attempt):
            log.warning("source.gave_up", source=source, reason=reason)
            return response
        if response is not None and response.status_code == 401 and reauthorise is not None:
            options["headers"] = {**options.get("headers", {}), **reauthorise()}
        wait = _wait_after(response, attempt, link)
        log.warning("source.retry", source=source, reason=reason, attempt=attempt, wait=round(wait, 2))
        link.sleep(wait)
    return None


def _hopeless(status: int, attempt: int) -> bool:
    """A client error that retrying will not fix (a 401 gets one retry with fresh credentials)."""
    return 400 <= status < 500 and status != 429 and (status != 401 or attempt > 1)


def _attempt(
    client: httpx.Client, method: str, url: str, **options: Any
) -> tuple[httpx.Response | None, str | None]:
    try:
        response = client.request(method, url, **options)
    except httpx.TimeoutException:
        return None, "timeout"
    except httpx.TransportError as exc:
        return None, f"network:{type(exc).__name__}"
    if response.status_code < 400:
        return response, None
    return response, f"http_{response.status_code}"


def _wait_after(response: httpx.Response | None, attempt: int, link: Link) -> float:
    if response is None:
        return link.retry_delay(attempt)
    asked = retry_after(response.headers, datetime.now(UTC))
    if asked is not None:
        return asked
    if response.status_code in RETRYABLE:
        return link.retry_delay(attempt)
    return link.retry_delay(attempt + 4)  # a client error will not fix itself soon: retry slowly


def _respect_rate_limit(response: httpx.Response, link: Link, *, source: str) -> None:
    pause = rate_limit_pause(response.headers, datetime.now(UTC))
    if pause:
        log.info("source.rate_limited", source=source, pause=round(pause, 2))
        link.sleep(pause)
