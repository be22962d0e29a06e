"""The one small base class every source implements.

A ``Source`` yields ``RawRecord``s (the payload exactly as received, with where
it came from) and maps one payload to a ``Post``. Reading and mapping are kept
apart so mapping stays a pure function that is easy to test on recorded
payloads (4CAT's ``map_item``). A payload that cannot be mapped raises
``MappingError`` and is quarantined by the pipeline; it never stops a run.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from tactful.records import Post
from tactful.registry import Registry


@dataclass(slots=True)
class RawRecord:
    """One payload as a source delivered it."""

    payload: Any  # usually a dict; a str for formats read as text
    source: str  # file name or source name
    location: str  # "line 12", "row 7", "event 88"
    error: str | None = None  # set when the payload could not even be read (invalid JSON, bad UTF-8)
    error_code: str | None = None
    cursor: str | None = None  # live sources: the position to resume after this record
    meta: dict[str, Any] = field(default_factory=dict)  # e.g. {"operation": "delete"}


class Source(ABC):
    name: ClassVar[str]

    @abstractmethod
    def read(self) -> Iterator[RawRecord]:
        """Yield raw records, in order."""

    @abstractmethod
    def map_item(self, raw: RawRecord) -> Post:
        """Turn one payload into a Post, or raise MappingError."""


sources: Registry[type[Source]] = Registry("source", entry_point_group="tactful.sources")
