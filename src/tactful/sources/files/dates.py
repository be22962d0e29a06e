"""Reading the many ways exports write a date; every result is timezone-aware UTC."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from tactful.errors import MappingError

# Tried in order after ISO 8601. Month-first numeric dates are the US export convention
# (the Kaggle airline set writes "2/24/2015 11:35").
_FORMATS = (
    "%a %b %d %H:%M:%S %z %Y",  # Twitter v1.1 and archives: "Tue Oct 31 23:36:20 +0000 2017"
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y",
    "%Y-%m-%d %H:%M:%S %z",
    "%Y-%m-%d %H:%M:%S %Z",
)
_EARLIEST, _LATEST = 1990, 2100
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
