from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from tactful.errors import MappingError
from tactful.sources.files.dates import parse_date


@pytest.mark.parametrize(
    "value,expected",
    [
        ("Tue Oct 31 23:36:20 +0000 2017", datetime(2017, 10, 31, 23, 36, 20, tzinfo=UTC)),
        ("Tue Oct 31 23:36:20 +0200 2017", datetime(2017, 10, 31, 21, 36, 20, tzinfo=UTC)),
        ("2/24/2015 11:35", datetime(2015, 2, 24, 11, 35, tzinfo=UTC)),
        ("12/1/2015 09:05:07", datetime(2015, 12, 1, 9, 5, 7, tzinfo=UTC)),
        ("2024-11-13T08:15:29.504Z", datetime(2024, 11, 13, 8, 15, 29, 504000, tzinfo=UTC)),
        ("2023-08-14T18:22:13.4545556Z", datetime(2023, 8, 14, 18, 22, 13, 454555, tzinfo=UTC)),
        ("2024-11-13T09:02:11+01:00", datetime(2024, 11, 13, 8, 2, 11, tzinfo=UTC)),
        ("2024-03-01 12:30:00", datetime(2024, 3, 1, 12, 30, tzinfo=UTC)),  # naive: taken as UTC
        ("2024-03-01", datetime(2024, 3, 1, tzinfo=UTC)),
        ("Fri, 01 Mar 2024 10:00:00 GMT", datetime(2024, 3, 1, 10, tzinfo=UTC)),
        (1709290800, datetime(2024, 3, 1, 11, tzinfo=UTC)),
        (1709290800123, datetime(2024, 3, 1, 11, 0, 0, 123000, tzinfo=UTC)),  # milliseconds
        ("1709290800", datetime(2024, 3, 1, 11, tzinfo=UTC)),
        (datetime(2024, 3, 1, 12, tzinfo=timezone(timedelta(hours=1))), datetime(2024, 3, 1, 11, tzinfo=UTC)),
    ],
)
def test_dates_read_as_utc(value, expected):
    parsed = parse_date(value)
    assert parsed == expected
    assert parsed.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    "value,reason",
    [
        (None, "no created_at"),
        ("", "no created_at"),
        ("yesterday", "created_at is not a date we can read"),
        ("31/31/2024 99:99", "created_at is not a date we can read"),
        ("13/45/2015 11:35", "created_at is not a date we can read"),
        (True, "created_at is not a date we can read"),
        (["2024-01-01"], "created_at is not a date we can read"),
        ("0001-01-01T00:00:00Z", "created_at is outside 1990-2100"),
        (10**20, "created_at is not a date we can read"),
    ],
)
def test_bad_dates_are_quarantined_with_bad_date(value, reason):
    with pytest.raises(MappingError) as caught:
        parse_date(value)
    assert (caught.value.reason_code, caught.value.message) == ("bad_date", reason)
