"""The failure limiter: a sliding window per key, hashed keys, a clock the tests step."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tactful.web.ratelimit import FailureLimiter, TooManyFailures

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def _limiter(clock: Clock) -> FailureLimiter:
    return FailureLimiter(b"k" * 32, max_failures=5, window=timedelta(minutes=15), clock=clock)


@pytest.mark.parametrize(
    ("failures", "minutes_later", "wait"),
    [
        (4, 0, 0),  # under the limit
        (5, 0, 900),  # at it: the oldest failure leaves the window in 15 minutes
        (5, 10, 300),
        (5, 15, 0),  # the window has passed
        (7, 0, 900),
    ],
)
def test_a_key_is_blocked_at_the_limit_until_its_oldest_failures_leave_the_window(
    failures: int, minutes_later: int, wait: int
) -> None:
    clock = Clock()
    limiter = _limiter(clock)
    for _ in range(failures):
        limiter.fail(["account:dana"])
    clock.now += timedelta(minutes=minutes_later)
    assert limiter.blocked(["account:dana"]) == wait


def test_failures_spread_over_time_slide_out_one_by_one() -> None:
    clock = Clock()
    limiter = _limiter(clock)
    for _ in range(5):
        limiter.fail(["ip:a"])
        clock.now += timedelta(minutes=2)  # failures at 0, 2, 4, 6, 8 minutes; now 10
    assert limiter.blocked(["ip:a"]) == 5 * 60  # the one at minute 0 leaves at minute 15
    clock.now += timedelta(minutes=5)
    assert limiter.blocked(["ip:a"]) == 0


def test_keys_are_counted_apart_and_the_longest_wait_wins() -> None:
    clock = Clock()
    limiter = _limiter(clock)
    for _ in range(5):
        limiter.fail(["account:dana", "ip:a"])
    assert limiter.blocked(["account:eve", "ip:b"]) == 0
    assert limiter.blocked(["account:eve", "ip:a"]) == 900
    limiter.clear("account:dana")
    assert limiter.blocked(["account:dana"]) == 0 and limiter.blocked(["ip:a"]) == 900


def test_fail_reports_the_wait_it_causes() -> None:
    limiter = _limiter(Clock())
    assert [limiter.fail(["account:dana"]) for _ in range(5)] == [0, 0, 0, 0, 900]


def test_keys_are_kept_only_as_keyed_hashes() -> None:
    limiter = _limiter(Clock())
    limiter.fail(["account:dana", "ip:203.0.113.9"])
    kept = " ".join(limiter._failures)
    assert "dana" not in kept and "203.0.113.9" not in kept
    other = FailureLimiter(b"x" * 32)
    assert limiter.pseudonym("account:dana") != other.pseudonym("account:dana")


@pytest.mark.parametrize(("seconds", "words"), [(900, "15 minutes"), (61, "2 minutes"), (5, "1 minute")])
def test_the_429_error_says_when_to_come_back(seconds: int, words: str) -> None:
    error = TooManyFailures(seconds)
    assert error.code == "E429" and words in error.message and error.detail == {"retry_after": seconds}
