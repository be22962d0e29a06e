import random
from datetime import UTC, datetime

import pytest

from tactful.sources.backoff import Backoff, rate_limit_pause, retry_after

NOW = datetime(2026, 3, 1, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(("attempt", "ceiling"), [(1, 1), (2, 2), (3, 4), (6, 32), (20, 300)])
def test_backoff_stays_under_the_exponential_ceiling(attempt, ceiling):
    rng = random.Random(7)
    delays = [Backoff().delay(attempt, rng) for _ in range(200)]
    assert all(0 <= d <= ceiling for d in delays)
    assert max(delays) > ceiling * 0.8  # full jitter uses the whole range


def test_backoff_is_jittered_not_fixed():
    rng = random.Random(1)
    assert len({round(Backoff().delay(5, rng), 6) for _ in range(20)}) > 15


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"Retry-After": "120"}, 120.0),
        ({"retry-after": " 5 "}, 5.0),
        ({"Retry-After": "Sun, 01 Mar 2026 12:01:30 GMT"}, 90.0),
        ({"Retry-After": "Sun, 01 Mar 2026 11:00:00 GMT"}, 0.0),
        ({"Retry-After": "soon"}, None),
        ({}, None),
    ],
)
def test_retry_after(headers, seconds):
    assert retry_after(headers, NOW) == seconds


@pytest.mark.parametrize(
    ("headers", "pause"),
    [
        ({"X-Ratelimit-Remaining": "57.0", "X-Ratelimit-Reset": "312", "X-Ratelimit-Used": "43"}, None),
        ({"X-Ratelimit-Remaining": "0.0", "X-Ratelimit-Reset": "312"}, 312.0),
        ({"x-ratelimit-remaining": "1", "x-ratelimit-reset": "20"}, 20.0),
        ({"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(NOW.timestamp()) + 60)}, 60.0),
        ({"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "2026-03-01T12:05:00.000Z"}, 300.0),
        ({"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "whenever"}, None),
        ({"X-Ratelimit-Remaining": "0"}, None),
        ({"RateLimit-Limit": "3000", "RateLimit-Remaining": "0",
          "RateLimit-Reset": str(int(NOW.timestamp()) + 90)}, 90.0),
        ({"ratelimit-remaining": "2999", "ratelimit-reset": str(int(NOW.timestamp()) + 90)}, None),
    ],
)
def test_rate_limit_pause(headers, pause):
    assert rate_limit_pause(headers, NOW) == pause
