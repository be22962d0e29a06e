"""One error vocabulary: every error tactful raises on purpose has a stable code.

The CLI prints ``error E101: <message>`` on one line (exit 2 for bad input,
1 for internal errors); the API answers ``{"error": {"code", "message", "detail"}}``.
Messages never contain raw post text, handles or other PII.
"""

from __future__ import annotations

from typing import Any


class TactfulError(Exception):
    """Base class. ``code`` is stable; ``exit_code`` is what the CLI returns."""

    code = "E000"
    exit_code = 1

    def __init__(self, message: str, *, detail: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or {}

    def to_json(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, "detail": self.detail}}


class UsageError(TactfulError):
    """Bad input from the user: a wrong flag, a missing file."""

    code = "E100"
    exit_code = 2


class ConfigError(UsageError):
    """The config file is invalid: the message names the file, key and reason."""

    code = "E101"


class QuerySyntaxError(UsageError):
    """A brand query does not parse: the message points at the column."""

    code = "E102"

    def __init__(self, message: str, *, query: str, column: int, expected: str = "") -> None:
        super().__init__(message, detail={"column": column, "expected": expected})
        self.query = query
        self.column = column
        self.expected = expected


class InputFormatError(UsageError):
    """An input file cannot be read at all (unknown format, unreadable)."""

    code = "E103"


class MappingError(TactfulError):
    """One raw record cannot become a Post; it is quarantined, never fatal."""

    code = "E200"

    def __init__(self, reason: str, *, code: str = "rejected") -> None:
        super().__init__(reason)
        self.reason_code = code


class ModelError(TactfulError):
    """A shipped model artefact is missing or does not match its version."""

    code = "E300"


class StoreError(TactfulError):
    """The database cannot be opened or migrated."""

    code = "E400"


class NotFound(UsageError):
    code = "E404"


class PermissionDenied(UsageError):
    code = "E403"
