from datetime import UTC, datetime, timedelta

import pytest

from tactful.engage.sla import BusinessHours, SlaClock, SlaPolicy, due, evaluate

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # a Monday
POLICY = SlaPolicy(first_response_minutes=60, next_response_minutes=120, resolution_minutes=480)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


@pytest.mark.parametrize(
    ("clock", "now", "expected"),
    [
        (SlaClock(T0), at(30), ("active", None, "active")),
        (SlaClock(T0), at(61), ("missed", None, "active")),
        (SlaClock(T0, first_reply_at=at(59)), at(600), ("hit", None, "missed")),
        (SlaClock(T0, first_reply_at=at(90)), at(100), ("missed", None, "active")),
        (SlaClock(T0, first_reply_at=at(10), resolved_at=at(400)), at(900), ("hit", None, "hit")),
        (SlaClock(T0, first_reply_at=at(10), pending_since=at(100)), at(200), ("hit", "active", "active")),
        (SlaClock(T0, first_reply_at=at(10), pending_since=at(100)), at(221), ("hit", "missed", "active")),
        (SlaClock(T0, first_reply_at=at(10), pending_since=at(100), answered_pending_at=at(150)), at(300),
         ("hit", "hit", "active")),
    ],
)
def test_sla_states(clock, now, expected):
    report = evaluate(clock, POLICY, now)
    assert (report.first_response, report.next_response, report.resolution) == expected
    assert report.breached() == ("missed" in expected)


HOURS = BusinessHours(timezone="UTC")


@pytest.mark.parametrize(
    ("start", "minutes", "expected"),
    [
        (datetime(2026, 3, 2, 10, 0, tzinfo=UTC), 60, datetime(2026, 3, 2, 11, 0, tzinfo=UTC)),
        (datetime(2026, 3, 2, 16, 30, tzinfo=UTC), 60, datetime(2026, 3, 3, 9, 30, tzinfo=UTC)),
        (datetime(2026, 3, 2, 20, 0, tzinfo=UTC), 30, datetime(2026, 3, 3, 9, 30, tzinfo=UTC)),
        (datetime(2026, 3, 6, 16, 0, tzinfo=UTC), 120, datetime(2026, 3, 9, 10, 0, tzinfo=UTC)),  # Fri -> Mon
        (datetime(2026, 3, 7, 12, 0, tzinfo=UTC), 10, datetime(2026, 3, 9, 9, 10, tzinfo=UTC)),  # Saturday
    ],
)
def test_business_hours_count_only_open_minutes(start, minutes, expected):
    assert due(start, minutes, HOURS) == expected


def test_business_hours_respect_the_time_zone():
    berlin = BusinessHours(timezone="Europe/Berlin")
    # 08:30 UTC is 09:30 in Berlin in March (CET, UTC+1): 30 minutes later is 10:00 Berlin = 09:00 UTC.
    assert due(datetime(2026, 3, 2, 8, 30, tzinfo=UTC), 30, berlin) == datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_business_hours_that_never_open_are_an_error():
    with pytest.raises(ValueError, match="never open"):
        due(T0, 10, BusinessHours(days=()))
