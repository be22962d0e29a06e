"""Delivering alerts: a structlog event, a signed webhook, and (record_alerts) the dashboard's table.

The webhook body is the alert's JSON; it carries ``X-Tactful-Timestamp`` (Unix
seconds) and ``X-Tactful-Signature: sha256=<hex HMAC-SHA256 of "{timestamp}." + body>``,
the scheme of ``tactful.sources.signatures`` (used when present, so both sides
share one implementation).
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable

import httpx
import orjson
import structlog

from tactful.errors import TactfulError
from tactful.insights.alerts import Alert

log = structlog.get_logger(__name__)


class DeliveryError(TactfulError):
    code = "E600"  # insights: an alert could not be delivered


try:  # the live sources' implementation, once it is on main
    from tactful.sources.signatures import sign
except ImportError:  # pragma: no cover - depends on which branches are merged

    def sign(secret: bytes, timestamp: int, body: bytes) -> str:
        digest = hmac.new(secret, str(timestamp).encode() + b"." + body, hashlib.sha256).hexdigest()
        return f"sha256={digest}"


def log_alert(alert: Alert) -> None:
    s = alert.spike
    log.warning(
        "insights.alert",
        key=alert.dedupe_key,
        kind=s.kind,
        group=alert.group,
        start=s.start.isoformat(),
        observed=s.observed,
        expected=round(s.expected, 3),
        zscore=round(s.zscore, 2),
    )


def signed_request(
    alert: Alert, secret: bytes, *, now: Callable[[], float] = time.time
) -> tuple[bytes, dict[str, str]]:
    body = orjson.dumps(alert.to_dict())
    timestamp = int(now())
    headers = {
        "Content-Type": "application/json",
        "X-Tactful-Timestamp": str(timestamp),
        "X-Tactful-Signature": sign(secret, timestamp, body),
        "X-Tactful-Alert": alert.dedupe_key,
    }
    return body, headers


def post_webhook(alert: Alert, url: str, secret: bytes, *, timeout: float = 10.0) -> None:
    body, headers = signed_request(alert, secret)
    try:
        response = httpx.post(url, content=body, headers=headers, timeout=timeout)
    except httpx.HTTPError as exc:
        raise DeliveryError(f"alert webhook unreachable: {type(exc).__name__}") from None
    if response.status_code >= 300:
        raise DeliveryError(f"alert webhook answered HTTP {response.status_code}")
    log.info("insights.alert_delivered", key=alert.dedupe_key, status=response.status_code)


def deliver(fresh: list[Alert], *, webhook_url: str | None = None, secret: bytes | None = None) -> int:
    """Log every new alert and post it to the webhook if one is set; return how many went to the webhook."""
    sent = 0
    for alert in fresh:
        log_alert(alert)
        if webhook_url:
            if not secret:
                raise DeliveryError("an alert webhook needs a signing secret")
            post_webhook(alert, webhook_url, secret)
            sent += 1
    return sent
