"""File exports as sources: one module per format, all in the ``formats`` registry.

    open_file_source("tweets.js")            # detects the format from the content
    open_file_source("posts.csv", "csv", ["text=body", "id=post_id"])

Built-in formats, tried in this order when detecting: twitter-archive,
support-csv, twitter-api-v2, bluesky-json, mastodon-json, csv, jsonl.
"""

from tactful.sources.files import (  # noqa: F401 - importing registers each format
    bluesky,
    delimited,
    jsonl,
    mastodon,
    support,
    twitter_archive,
    twitter_v2,
)
from tactful.sources.files.base import DEFAULT_MAX_RECORD_BYTES, FileFormat, formats
from tactful.sources.files.source import (
    FileSource,
    detect_format,
    iter_files,
    open_file_source,
    parse_mapping,
)

__all__ = [
    "DEFAULT_MAX_RECORD_BYTES",
    "FileFormat",
    "FileSource",
    "detect_format",
    "formats",
    "iter_files",
    "open_file_source",
    "parse_mapping",
]
