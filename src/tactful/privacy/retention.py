"""Retention limits: how long each kind of data is kept, as cut-off times.

Pure: ``cutoffs(config.retention, now)`` says, per kind, that anything older
than the returned time must go. The store applies them (``tactful purge`` and
the service's schedule); aggregates (rollups) are kept.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal

from tactful.config import RetentionConfig

Kind = Literal["raw_text", "vault", "inbox", "audit"]


def cutoffs(retention: RetentionConfig, now: datetime) -> dict[Kind, datetime]:
    return {
        "raw_text": now - timedelta(days=retention.raw_text_days),
        "vault": now - timedelta(days=retention.vault_days),
        "inbox": now - timedelta(days=retention.inbox_days),
        "audit": now - timedelta(days=retention.audit_days),
    }
