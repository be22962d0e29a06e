"""Logging setup: structlog events (never post text or handles), to stderr so stdout stays the output."""

from __future__ import annotations

import logging
import sys

import structlog


def configure_logging(level: int = logging.WARNING) -> None:
    structlog.configure(
        wrapper_class=structlog.make_filtering_bound_logger(level),
        logger_factory=structlog.PrintLoggerFactory(sys.stderr),
        cache_logger_on_first_use=False,
    )
