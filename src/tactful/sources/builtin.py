"""Importing this registers every built-in live source type in ``tactful.sources.sources``."""

from tactful.sources import jetstream, mastodon, reddit, rss  # noqa: F401
