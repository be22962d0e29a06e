"""The base class every file format implements, and the registry of formats.

A format knows three things: how to recognise a file (``detect``, from its
first few KB and its name), how to stream it as ``RawRecord``s in constant
memory (``read``), and how to turn one record into a ``Post`` (``map_item``,
a pure function that raises ``MappingError`` with a stable code).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, ClassVar

from tactful.records import Post
from tactful.registry import Registry
from tactful.sources.base import RawRecord
from tactful.sources.files.reading import PageItems, read_json_items

DEFAULT_MAX_RECORD_BYTES = 1 << 20  # one post, one line: 1 MiB
DEFAULT_MAX_PAGE_BYTES = 4 << 20  # one API page (100 posts with includes is well under 1 MiB) or document


class FileFormat(ABC):
    """One file format: detection, streaming, mapping."""

    name: ClassVar[str]
    priority: ClassVar[int] = 50  # detection order: lower is tried first (specific before generic)
    accepts_mapping: ClassVar[bool] = False  # whether --map column mappings apply

    def __init__(
        self,
        *,
        mapping: Mapping[str, str] | None = None,
        max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
        max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES,
    ) -> None:
        self.mapping = dict(mapping or {})
        self.max_record_bytes = max_record_bytes
        self.max_page_bytes = max(max_page_bytes, max_record_bytes)

    @classmethod
    @abstractmethod
    def detect(cls, head: bytes, path: Path) -> bool:
        """Whether the file (its first few KB, its name) looks like this format."""

    @abstractmethod
    def read(self, path: Path) -> Iterator[RawRecord]:
        """Stream the file's records, in order, in constant memory."""

    @abstractmethod
    def map_item(self, raw: RawRecord) -> Post:
        """Turn one record into a Post, or raise MappingError."""


class JsonPageFormat(FileFormat):
    """A format read as JSON lines, a JSON array or saved API pages; ``expand_page`` unpacks a page."""

    @staticmethod
    @abstractmethod
    def expand_page(value: Any) -> PageItems | None:
        """The items of one API page, or None when the value is a single item."""

    def read(self, path: Path) -> Iterator[RawRecord]:
        return read_json_items(
            path,
            source_label(path),
            record_limit=self.max_record_bytes,
            page_limit=self.max_page_bytes,
            expand=self.expand_page,
        )


formats: Registry[type[FileFormat]] = Registry("file format", entry_point_group="tactful.file_formats")


def source_label(path: Path) -> str:
    """What ``RawRecord.source`` and ``Quarantined.source`` say: the file's name, not its full path."""
    return path.name
