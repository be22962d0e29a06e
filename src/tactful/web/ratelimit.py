"""Brute-force protection: failed sign-ins and bad API tokens counted per key in a sliding window.

    limiter = FailureLimiter(key=b"...", max_failures=5, window=timedelta(minutes=15))
    wait = limiter.blocked(["account:dana", "ip:203.0.113.9"])   # seconds to wait, or 0
    limiter.fail(["account:dana", "ip:203.0.113.9"])            # after a wrong password
    limiter.clear("account:dana")                               # after a right one

Keys are kept only as keyed hashes (``pseudonym``): the limiter, the log lines
and the audit entries never hold a username or an IP address. The clock is
injected, so tests step time instead of sleeping. Counts live in this process's
memory (one ``tactful serve`` process; several workers each count their own).
"""

from __future__ import annotations

import hashlib
import hmac
import math
from collections import deque
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from tactful.errors import UsageError
from tactful.records import utcnow

Clock = Callable[[], datetime]
MAX_KEYS = 100_000  # a flood of distinct keys cannot grow memory without bound


class TooManyFailures(UsageError):
    code = "E429"

    def __init__(self, retry_after: int) -> None:
        minutes = max(1, math.ceil(retry_after / 60))
        super().__init__(
            f"too many failed attempts: try again in {minutes} minute{'s' if minutes > 1 else ''}",
            detail={"retry_after": retry_after},
        )
        self.retry_after = retry_after


class FailureLimiter:
    def __init__(
        self,
        key: bytes,
        *,
        max_failures: int = 5,
        window: timedelta = timedelta(minutes=15),
        clock: Clock = utcnow,
    ) -> None:
        self._key = key
        self.max_failures = max_failures
        self.window = window
        self.clock = clock
        self._failures: dict[str, deque[datetime]] = {}

    def pseudonym(self, name: str) -> str:
        """A keyed hash of a key such as ``account:dana``: stable per secret, not reversible by guessing."""
        return hmac.new(self._key, name.encode(), hashlib.sha256).hexdigest()[:16]

    def blocked(self, names: Iterable[str]) -> int:
        """Seconds until every key is under its limit again; 0 when none is at it."""
        now = self.clock()
        waits = [self._wait(self.pseudonym(n), now) for n in names]
        return max(waits, default=0)

    def fail(self, names: Iterable[str]) -> int:
        """Count a failure against each key; return the wait it causes (0 while under the limit)."""
        now = self.clock()
        if len(self._failures) >= MAX_KEYS:
            self._forget_stale(now)
        hashed = [self.pseudonym(n) for n in names]
        for key in hashed:
            self._recent(key, now).append(now)
        return max((self._wait(key, now) for key in hashed), default=0)

    def clear(self, name: str) -> None:
        self._failures.pop(self.pseudonym(name), None)

    def _recent(self, key: str, now: datetime) -> deque[datetime]:
        times = self._failures.setdefault(key, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    def _wait(self, key: str, now: datetime) -> int:
        times = self._recent(key, now)
        if len(times) < self.max_failures:
            return 0
        # Blocked until enough of the oldest failures leave the window.
        frees_at = times[len(times) - self.max_failures] + self.window
        return max(1, math.ceil((frees_at - now).total_seconds()))

    def _forget_stale(self, now: datetime) -> None:
        for key in [k for k, times in self._failures.items() if not self._recent(k, now)]:
            del self._failures[key]
        while len(self._failures) >= MAX_KEYS:  # still full of live keys: drop the oldest entries
            del self._failures[next(iter(self._failures))]
