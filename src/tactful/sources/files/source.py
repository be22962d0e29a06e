"""The edge the CLI calls: pick a file's format, wrap it as a ``Source``, expand paths and globs."""

from __future__ import annotations

import glob
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import ClassVar

from tactful.errors import InputFormatError, UsageError
from tactful.records import Post
from tactful.sources.base import RawRecord, Source
from tactful.sources.files.base import DEFAULT_MAX_PAGE_BYTES, DEFAULT_MAX_RECORD_BYTES, FileFormat, formats
from tactful.sources.files.reading import read_head

_GLOB_CHARS = set("*?[")


class FileSource(Source):
    """One file read in one format: ``read`` streams its records, ``map_item`` maps one."""

    name: ClassVar[str] = "file"

    def __init__(self, path: Path, file_format: FileFormat) -> None:
        self.path = path
        self.format = file_format

    def read(self) -> Iterator[RawRecord]:
        return self.format.read(self.path)

    def map_item(self, raw: RawRecord) -> Post:
        return self.format.map_item(raw)


def detect_format(path: Path) -> type[FileFormat]:
    """The first registered format (by priority) that recognises the file's head and name."""
    head = read_head(path)
    if not head.strip():
        return formats.get("jsonl")  # an empty file: nothing to read, in any format
    for name in sorted(formats.names(), key=lambda n: (formats.get(n).priority, n)):
        if formats.get(name).detect(head, path):
            return formats.get(name)
    known = ", ".join(formats.names())
    raise InputFormatError(f"{path.name}: cannot tell its format from its content; pass --format ({known})")


def open_file_source(
    path: str | Path,
    format: str | None = None,  # noqa: A002 - the CLI's --format
    mapping: Mapping[str, str] | Iterable[str] | None = None,
    *,
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
    max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES,
) -> FileSource:
    """A Source for one file; ``format`` overrides detection; ``mapping`` is the CSV/JSONL --map."""
    path = Path(path)
    _check_readable(path)
    try:
        cls = formats.get(format) if format else detect_format(path)
    except UsageError as exc:
        raise InputFormatError(exc.message) from None
    fields = parse_mapping(mapping)
    if fields and not cls.accepts_mapping:
        raise UsageError(f"--map applies to the csv and jsonl formats, not {cls.name}")
    options = {"max_record_bytes": max_record_bytes, "max_page_bytes": max_page_bytes}
    return FileSource(path, cls(mapping=fields, **options))


def parse_mapping(mapping: Mapping[str, str] | Iterable[str] | None) -> dict[str, str]:
    """``{"text": "body"}`` as given, or from ``["text=body", "id=post_id"]`` (repeated --map flags)."""
    if mapping is None:
        return {}
    if isinstance(mapping, Mapping):
        return dict(mapping)
    out: dict[str, str] = {}
    for item in mapping:
        field, sep, key = item.partition("=")
        if not sep or not field.strip() or not key.strip():
            raise UsageError(f"--map {item!r}: expected FIELD=COLUMN, e.g. text=body")
        out[field.strip()] = key.strip()
    return out


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named by paths, globs (``**`` recurses) and directories (every non-hidden file inside)."""
    for given in paths:
        text = str(given)
        if _GLOB_CHARS & set(text):
            matches = sorted(Path(m) for m in glob.glob(text, recursive=True))
            if not matches:
                raise InputFormatError(f"{text}: no file matches")
            yield from (m for m in matches if m.is_file())
        elif Path(text).is_dir():
            yield from _files_under(Path(text))
        else:
            _check_readable(Path(text))
            yield Path(text)


def _files_under(directory: Path) -> Iterator[Path]:
    for path in sorted(directory.rglob("*")):
        relative = path.relative_to(directory)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            yield path


def _check_readable(path: Path) -> None:
    if not path.exists():
        raise InputFormatError(f"{path}: no such file")
    if not path.is_file():
        raise InputFormatError(f"{path}: not a file")
