"""When to try again: jittered exponential backoff, ``Retry-After`` and rate-limit headers.

Pure functions; the connectors sleep for what these return. Full jitter
(a random delay between 0 and the exponential cap) spreads reconnecting
clients apart (AWS Architecture Blog, "Exponential Backoff and Jitter").
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime


@dataclass(frozen=True, slots=True)
class Backoff:
    base: float = 1.0  # seconds
    cap: float = 300.0
    factor: float = 2.0

    def delay(self, attempt: int, rng: random.Random | None = None) -> float:
        """Seconds to wait before retry number ``attempt`` (1-based), full jitter."""
        ceiling = min(self.cap, self.base * self.factor ** max(0, attempt - 1))
        return (rng or random).uniform(0, ceiling)


def retry_after(headers: Mapping[str, str], now: datetime) -> float | None:
    """Seconds asked for by a ``Retry-After`` header (delta-seconds or an HTTP date), if any."""
    value = _header(headers, "retry-after")
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - now).total_seconds())


def rate_limit_pause(headers: Mapping[str, str], now: datetime, *, reserve: float = 1.0) -> float | None:
    """Seconds to pause when a rate-limit window is spent; None while requests remain.

    ``X-RateLimit-Reset`` comes as seconds to wait (Reddit), a Unix time, or an
    ISO 8601 time (Mastodon); all three are understood. The unprefixed
    ``RateLimit-Remaining``/``RateLimit-Reset`` (IETF draft; Bluesky) are read too.
    """
    remaining = _number(_header(headers, "x-ratelimit-remaining") or _header(headers, "ratelimit-remaining"))
    reset_value = _header(headers, "x-ratelimit-reset") or _header(headers, "ratelimit-reset")
    if remaining is None or reset_value is None or remaining > reserve:
        return None
    reset = _number(reset_value)
    if reset is not None:
        return reset if reset < 10**9 else max(0.0, reset - now.timestamp())
    try:
        return max(0.0, (datetime.fromisoformat(reset_value.strip()) - now).total_seconds())
    except ValueError:
        return None


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None
