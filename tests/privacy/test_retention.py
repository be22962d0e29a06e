from datetime import UTC, datetime, timedelta

from tactful.config import RetentionConfig
from tactful.privacy.retention import cutoffs

NOW = datetime(2026, 6, 1, tzinfo=UTC)


def test_each_kind_gets_its_own_cutoff():
    result = cutoffs(RetentionConfig(raw_text_days=90, vault_days=30, inbox_days=365, audit_days=730), NOW)
    assert result == {
        "raw_text": NOW - timedelta(days=90), "vault": NOW - timedelta(days=30),
        "inbox": NOW - timedelta(days=365), "audit": NOW - timedelta(days=730),
    }
