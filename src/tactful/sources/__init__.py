"""Where posts come from: file exports and live networks, one module per source."""

from tactful.sources.base import RawRecord, Source, sources

__all__ = ["RawRecord", "Source", "sources"]
