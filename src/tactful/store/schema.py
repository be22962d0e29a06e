"""The tables, as SQLAlchemy Core metadata: what the code reads and writes.

This is the *current* shape of the schema. Migrations (``store/migrations/versions``)
are how a database gets there; a test checks that migrating an empty database
gives exactly these tables. Later issues add tables here *and* in a new migration
(docs/storage.md).

Timestamps are stored in UTC (``UTCDateTime``); JSON columns are ``JSONB`` on
PostgreSQL and text on SQLite.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

Json = sa.JSON().with_variant(JSONB(), "postgresql")


class UTCDateTime(sa.TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on both dialects (SQLite has no time zones)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# SQLite only auto-numbers an INTEGER PRIMARY KEY; PostgreSQL gets a BIGINT (billions of posts).
Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _post_fk() -> sa.ForeignKey:
    return sa.ForeignKey("posts.id", ondelete="CASCADE")


posts = sa.Table(
    "posts", metadata,
    sa.Column("id", Id, primary_key=True, autoincrement=True),
    sa.Column("platform", sa.String(32), nullable=False),
    sa.Column("platform_id", sa.String(255), nullable=False),
    sa.Column("author_pseudonym", sa.String(128), nullable=False, index=True),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("created_at", UTCDateTime(), nullable=False, index=True),
    sa.Column("ingested_at", UTCDateTime(), nullable=False),
    sa.Column("source", sa.String(255), nullable=False, server_default=""),
    sa.Column("lang", sa.String(16)),
    sa.Column("reply_to_id", sa.String(255)),
    sa.Column("thread_id", sa.String(255), index=True),
    sa.Column("replies_to_brand", sa.Boolean(), nullable=False, server_default=sa.false()),
    sa.Column("is_direct_message", sa.Boolean(), nullable=False, server_default=sa.false()),
    sa.Column("mentions", Json, nullable=False),
    sa.Column("hashtags", Json, nullable=False),
    sa.Column("links", Json, nullable=False),
    sa.Column("engagement", Json, nullable=False),
    sa.Column("author_flags", Json, nullable=False),
    sa.Column("pii_types", Json, nullable=False),
    sa.UniqueConstraint("platform", "platform_id"),
)

post_matches = sa.Table(
    "post_matches", metadata,
    sa.Column("post_id", Id, _post_fk(), primary_key=True),
    sa.Column("query_name", sa.String(255), primary_key=True),
    sa.Column("query_group", sa.String(255), nullable=False),
    sa.Index(None, "query_group", "post_id"),
)

analyses = sa.Table(
    "analyses", metadata,
    sa.Column("post_id", Id, _post_fk(), primary_key=True),
    sa.Column("tier", sa.String(16), nullable=False),
    sa.Column("lang", sa.String(16), nullable=False),
    sa.Column("sentiment", sa.String(32), index=True),
    sa.Column("sentiment_score", sa.Float()),
    sa.Column("emotion", sa.String(32)),
    sa.Column("intent", sa.String(32), index=True),
    sa.Column("complaint", sa.Float()),
    sa.Column("irony", sa.Float()),
    sa.Column("offensive", sa.Float()),
    sa.Column("hate", sa.Float()),
    sa.Column("needs_response", sa.Float()),
    sa.Column("addressed", sa.Boolean()),
    sa.Column("analysis", Json, nullable=False),
)

post_aspects = sa.Table(
    "post_aspects", metadata,
    sa.Column("post_id", Id, _post_fk(), primary_key=True),
    sa.Column("aspect", sa.String(64), primary_key=True),
    sa.Column("score", sa.Float(), nullable=False),
    sa.Column("sentiment", sa.String(16), nullable=False),
    sa.Index(None, "aspect", "sentiment"),
)

decisions = sa.Table(
    "decisions", metadata,
    sa.Column("post_id", Id, _post_fk(), primary_key=True),
    sa.Column("action", sa.String(16), nullable=False),
    sa.Column("priority", sa.Integer(), nullable=False),
    sa.Column("team", sa.String(64)),
    sa.Column("reasons", Json, nullable=False),
    sa.Column("explanation", sa.Text(), nullable=False),
    sa.Column("policy_version", sa.String(64), nullable=False, server_default=""),
    sa.Index(None, "action", "priority"),
)

# The contact vault: the author's raw handle, sealed (privacy/vault.py), kept only for posts the
# policy may answer (rows.ANSWERABLE_ACTIONS) and deleted after retention.vault_days.
contact_vault = sa.Table(
    "contact_vault", metadata,
    sa.Column("post_id", Id, _post_fk(), primary_key=True),
    sa.Column("sealed_contact", sa.Text(), nullable=False),
    sa.Column("created_at", UTCDateTime(), nullable=False, index=True),
)

quarantine = sa.Table(
    "quarantine", metadata,
    sa.Column("id", Id, primary_key=True, autoincrement=True),
    sa.Column("source", sa.String(255), nullable=False),
    sa.Column("location", sa.String(255), nullable=False),
    sa.Column("reason", sa.Text(), nullable=False),
    sa.Column("code", sa.String(64), nullable=False, index=True),
    sa.Column("created_at", UTCDateTime(), nullable=False, index=True),
)

source_cursors = sa.Table(
    "source_cursors", metadata,
    sa.Column("source", sa.String(255), primary_key=True),
    sa.Column("cursor", sa.Text(), nullable=False),
    sa.Column("updated_at", UTCDateTime(), nullable=False),
)


# --- insights (migration 0005) ----------------------------------------------------------------
# Rollups: posts per query group by time bucket and labels, kept current by database triggers
# (insights/rollups.py; rebuilt by ``tactful rollups rebuild``). Label "unanalysed" = no analysis yet.

def _rollup(name: str, bucket: str, *keys: str) -> sa.Table:
    lengths = {"query_group": 255, "author_pseudonym": 128}
    return sa.Table(
        name, metadata,
        sa.Column(bucket, UTCDateTime(), primary_key=True),
        *[sa.Column(key, sa.String(lengths.get(key, 64)), primary_key=True) for key in keys],
        sa.Column("posts", sa.Integer(), nullable=False),
    )


rollup_sentiment_hourly = _rollup("rollup_sentiment_hourly", "hour", "query_group", "platform", "sentiment")
rollup_intent_hourly = _rollup("rollup_intent_hourly", "hour", "query_group", "platform", "intent")
rollup_sentiment_daily = _rollup("rollup_sentiment_daily", "day", "query_group", "platform", "sentiment")
rollup_intent_daily = _rollup("rollup_intent_daily", "day", "query_group", "platform", "intent")
rollup_aspects_daily = _rollup("rollup_aspects_daily", "day", "query_group", "aspect", "sentiment")
# Breakdowns: reportable posts (no sensitive category) per author, platform and language by day.
rollup_authors_daily = _rollup("rollup_authors_daily", "day", "platform", "lang", "author_pseudonym")

alerts = sa.Table(
    "alerts", metadata,
    sa.Column("id", Id, primary_key=True, autoincrement=True),
    sa.Column("dedupe_key", sa.String(255), nullable=False, unique=True),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("query_group", sa.String(255), nullable=False),
    sa.Column("bucket_start", UTCDateTime(), nullable=False, index=True),
    sa.Column("observed", sa.Float(), nullable=False),
    sa.Column("expected", sa.Float(), nullable=False),
    sa.Column("zscore", sa.Float(), nullable=False),
    sa.Column("summary", sa.Text(), nullable=False),
    sa.Column("details", Json, nullable=False),
    sa.Column("created_at", UTCDateTime(), nullable=False),
    sa.Column("acknowledged", sa.Boolean(), nullable=False, server_default=sa.false()),
)

