"""Reading the many ways exports write a date; every result is timezone-aware UTC."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from tactful.errors import MappingError

# Tried in order after Twitter's format, US dates and ISO 8601.
_FORMATS = (
    "%a %b %d %H:%M:%S %z %Y",  # Twitter v1.1 and archives: "Tue Oct 31 23:36:20 +0000 2017"
    "%Y-%m-%d %H:%M:%S %z",
    "%Y-%m-%d %H:%M:%S %Z",
)
_EARLIEST, _LATEST = 1990, 2100
# Twitter's own format, parsed by hand: strptime is most of the cost of mapping a tweet.
_TWITTER = re.compile(r"[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d\d) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d) (\d{4})")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, 1)}
_US = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?: (\d{1,2}):(\d\d)(?::(\d\d))?)?")
_MS_THRESHOLD = 10**11  # epoch numbers above this are milliseconds


def parse_date(value: object, field: str = "created_at") -> datetime:
    """A UTC datetime from an ISO string, a Twitter/US/RFC 2822 date or an epoch number."""
    if value is None or value == "":
        raise MappingError(f"no {field}", code="bad_date")
    parsed = _parse(value)
    if parsed is None:
        raise MappingError(f"{field} is not a date we can read", code="bad_date")
    if not _EARLIEST <= parsed.year <= _LATEST:
        raise MappingError(f"{field} is outside {_EARLIEST}-{_LATEST}", code="bad_date")
    return as_utc(parsed)


def as_utc(moment: datetime) -> datetime:
    """Aware datetimes converted to UTC; naive ones taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _parse(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _from_epoch(float(value))
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.replace(".", "", 1).isdigit():
        return _from_epoch(float(text))
    return _from_text(text)


def _from_epoch(seconds: float) -> datetime | None:
    if seconds > _MS_THRESHOLD:
        seconds /= 1000
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _from_text(text: str) -> datetime | None:
    for fast in (_from_twitter, _from_us):
        if (parsed := fast(text)) is not None:
            return parsed
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    for pattern in _FORMATS:
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def _from_twitter(text: str) -> datetime | None:
    """ "Tue Oct 31 23:36:20 +0000 2017" """
    match = _TWITTER.fullmatch(text)
    if match is None or match[1] not in _MONTHS:
        return None
    month, day, hour, minute, second, sign, off_h, off_m, year = match.groups()
    offset = timedelta(hours=int(off_h), minutes=int(off_m)) * (-1 if sign == "-" else 1)
    try:
        return datetime(
            int(year), _MONTHS[month], int(day), int(hour), int(minute), int(second), tzinfo=timezone(offset)
        )
    except ValueError:
        return None


def _from_us(text: str) -> datetime | None:
    """Month first, as US exports write it: "2/24/2015 11:35" (the Kaggle airline set), seconds optional."""
    match = _US.fullmatch(text)
    if match is None:
        return None
    month, day, year, hour, minute, second = (int(g) if g else 0 for g in match.groups())
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
