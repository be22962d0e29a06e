"""Fixtures for the web tests: the live-source database fixtures."""

from tests.sources.livekit import db_url, store  # noqa: F401
