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

# PostgreSQL only (migration 0008): tiny block-range indexes for time-range scans on a large, append-
# ordered table, next to the btree on created_at (docs/storage.md, "Large tables"). SQLite has no BRIN.
for _column in ("created_at", "ingested_at"):
    _brin = sa.Index(f"ix_posts_{_column}_brin", posts.c[_column], postgresql_using="brin",
                     postgresql_with={"autosummarize": "on"})
    _brin.ddl_if(dialect="postgresql")

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

# --- privacy operations (privacy/optouts.py, audit.py, identity.py; docs/privacy-operations.md) -------

# The opt-out registry: keyed hashes of (platform, author) only, never a handle.
optouts = sa.Table(
    "optouts", metadata,
    sa.Column("hash", sa.String(128), primary_key=True),
    sa.Column("created_at", UTCDateTime(), nullable=False),
    sa.Column("via", sa.String(16), nullable=False),  # cli / api / message
)

# Keyed hash of an author's handle -> the pseudonym their posts are stored under (often made from
# the account id), so a subject request that knows only the handle finds every post.
author_aliases = sa.Table(
    "author_aliases", metadata,
    sa.Column("alias", sa.String(128), primary_key=True),
    sa.Column("author_pseudonym", sa.String(128), primary_key=True, index=True),
)

# Append-only, hash-chained (privacy/audit_chain.py); ``at`` is kept as the exact ISO string hashed.
audit_log = sa.Table(
    "audit_log", metadata,
    sa.Column("seq", sa.BigInteger(), primary_key=True, autoincrement=False),
    sa.Column("at", sa.String(40), nullable=False, index=True),
    sa.Column("actor", sa.String(255), nullable=False),
    sa.Column("action", sa.String(64), nullable=False),
    sa.Column("target", sa.String(255), nullable=False),
    sa.Column("detail", Json, nullable=False),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
)

# One row (id 1): the newest entry's seq and hash, and the anchor the kept chain starts from.
audit_head = sa.Table(
    "audit_head", metadata,
    sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
    sa.Column("seq", sa.BigInteger(), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
    sa.Column("anchor", sa.String(64), nullable=False),
)

# Posts erased on request or deleted upstream, as keyed hashes of (platform, platform_id): re-ingesting
# an old file must not bring them back (privacy/tombstones.py).
erased_posts = sa.Table(
    "erased_posts", metadata,
    sa.Column("key_hash", sa.String(128), primary_key=True),
    sa.Column("erased_at", UTCDateTime(), nullable=False),
    sa.Column("reason", sa.String(32), nullable=False),  # subject.erase / posts.delete / optout
)

# --- the triage inbox (engage/inbox.py; docs/engagement.md) ------------------------------------------

# One conversation per thread (``thread_key`` = platform + thread root id): what the policy decided to
# answer or route, who owns it, and the clock its SLA is measured on. Deleting the post that opened it
# (erasure, opt-out, deletion sync) deletes the conversation and everything in it.
inbox_conversations = sa.Table(
    "inbox_conversations", metadata,
    sa.Column("id", Id, primary_key=True, autoincrement=True),
    sa.Column("thread_key", sa.String(512), nullable=False, unique=True),
    sa.Column("opening_post_id", Id, _post_fk(), nullable=False, index=True),
    sa.Column("platform", sa.String(32), nullable=False),
    sa.Column("author_pseudonym", sa.String(128), nullable=False, index=True),
    sa.Column("status", sa.String(32), nullable=False),
    sa.Column("action", sa.String(16), nullable=False),
    sa.Column("team", sa.String(64)),
    sa.Column("assignee", sa.String(255)),
    sa.Column("priority", sa.Integer(), nullable=False),
    sa.Column("reasons", Json, nullable=False),
    sa.Column("explanation", sa.Text(), nullable=False),
    sa.Column("opened_at", UTCDateTime(), nullable=False, index=True),
    sa.Column("first_reply_at", UTCDateTime()),
    sa.Column("pending_since", UTCDateTime()),
    sa.Column("answered_pending_at", UTCDateTime()),
    sa.Column("resolved_at", UTCDateTime()),
    sa.Column("updated_at", UTCDateTime(), nullable=False),
    sa.Index(None, "status", "priority"),
)


def _conversation_fk() -> sa.ForeignKey:
    return sa.ForeignKey("inbox_conversations.id", ondelete="CASCADE")


inbox_posts = sa.Table(
    "inbox_posts", metadata,
    sa.Column("conversation_id", Id, _conversation_fk(), primary_key=True),
    sa.Column("post_id", Id, _post_fk(), primary_key=True, index=True),
)

# The full history: who did what when (open, customer_post, assign, note, reply, resolve, reopen).
inbox_events = sa.Table(
    "inbox_events", metadata,
    sa.Column("id", Id, primary_key=True, autoincrement=True),
    sa.Column("conversation_id", Id, _conversation_fk(), nullable=False, index=True),
    sa.Column("at", UTCDateTime(), nullable=False),
    sa.Column("actor", sa.String(255), nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("detail", Json, nullable=False),
)

# Internal notes, PII-masked with the privacy redaction before they are stored.
inbox_notes = sa.Table(
    "inbox_notes", metadata,
    sa.Column("id", Id, primary_key=True, autoincrement=True),
    sa.Column("conversation_id", Id, _conversation_fk(), nullable=False, index=True),
    sa.Column("at", UTCDateTime(), nullable=False),
    sa.Column("author", sa.String(255), nullable=False),
    sa.Column("text", sa.Text(), nullable=False),
)

# Replies the brand sent: through a posting connector, or marked as sent by hand.
inbox_replies = sa.Table(
    "inbox_replies", metadata,
    sa.Column("id", Id, primary_key=True, autoincrement=True),
    sa.Column("conversation_id", Id, _conversation_fk(), nullable=False, index=True),
    sa.Column("at", UTCDateTime(), nullable=False, index=True),
    sa.Column("author", sa.String(255), nullable=False),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("via", sa.String(32), nullable=False),  # "manual" or the connector's name
    sa.Column("remote_id", sa.String(255)),
)

# Connector health for live sources (``tactful.sources.health.SourceHealth``), one row per source.
source_health = sa.Table(
    "source_health", metadata,
    sa.Column("source", sa.String(255), primary_key=True),
    sa.Column("state", sa.String(32), nullable=False),
    sa.Column("last_event_at", UTCDateTime()),
    sa.Column("last_event_time", UTCDateTime()),
    sa.Column("events", sa.BigInteger(), nullable=False, server_default="0"),
    sa.Column("errors", sa.BigInteger(), nullable=False, server_default="0"),
    sa.Column("consecutive_errors", sa.Integer(), nullable=False, server_default="0"),
    sa.Column("last_error", sa.Text(), nullable=False, server_default=""),
    sa.Column("updated_at", UTCDateTime()),
)

# --- web users and API tokens (web/users.py; docs/web.md) ---------------------------------------------

# People who sign in to the web app; passwords are argon2id hashes, never stored in clear.
users = sa.Table(
    "users", metadata,
    sa.Column("id", Id, primary_key=True, autoincrement=True),
    sa.Column("username", sa.String(64), nullable=False, unique=True),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("role", sa.String(32), nullable=False),
    sa.Column("created_at", UTCDateTime(), nullable=False),
    sa.Column("disabled", sa.Boolean(), nullable=False, server_default=sa.false()),
)

# Machine access: only the SHA-256 of each token is kept; scopes are the areas it may use.
api_tokens = sa.Table(
    "api_tokens", metadata,
    sa.Column("id", Id, primary_key=True, autoincrement=True),
    sa.Column("user_id", Id, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("name", sa.String(64), nullable=False),
    sa.Column("scopes", Json, nullable=False),
    sa.Column("created_at", UTCDateTime(), nullable=False),
    sa.Column("expires_at", UTCDateTime(), nullable=False),
)


# --- insights (migration 0006_insights_rollups) -----------------------------------------------
# Rollups: posts per query group by time bucket and labels, kept current by database triggers
# (insights/rollups.py; rebuilt by ``tactful rollups rebuild``). Label "unanalysed" = no analysis yet.

def _rollup(name: str, bucket: str, *keys: str, **options: Any) -> sa.Table:
    lengths = {"query_group": 255, "author_pseudonym": 128}
    return sa.Table(
        name, metadata,
        sa.Column(bucket, UTCDateTime(), primary_key=True),
        *[sa.Column(key, sa.String(lengths.get(key, 64)), primary_key=True) for key in keys],
        sa.Column("posts", sa.Integer(), nullable=False),
        **options,
    )


rollup_sentiment_hourly = _rollup("rollup_sentiment_hourly", "hour", "query_group", "platform", "sentiment")
rollup_intent_hourly = _rollup("rollup_intent_hourly", "hour", "query_group", "platform", "intent")
rollup_sentiment_daily = _rollup("rollup_sentiment_daily", "day", "query_group", "platform", "sentiment")
rollup_intent_daily = _rollup("rollup_intent_daily", "day", "query_group", "platform", "intent")
rollup_aspects_daily = _rollup("rollup_aspects_daily", "day", "query_group", "aspect", "sentiment")
# Breakdowns: reportable posts (no sensitive category) per author, platform and language by day.
rollup_authors_daily = _rollup("rollup_authors_daily", "day", "platform", "lang", "author_pseudonym")
# Covering (migration 0008_insights_perf): a day range is read from the index alone.
sa.Index("ix_rollup_authors_daily_covering", *(rollup_authors_daily.c[k] for k in (
    "day", "platform", "lang", "author_pseudonym", "posts")))
# The same per query group, for breakdowns narrowed to one group (one row per author: distinct authors
# stay exact). WITHOUT ROWID on SQLite: the primary key is the table, so a day range is one read.
rollup_group_authors_daily = _rollup(
    "rollup_group_authors_daily", "day", "query_group", "platform", "lang", "author_pseudonym",
    sqlite_with_rowid=False,
)

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



# --- post search (migration 0008_insights_perf; store/search_index.py) -------------------------
# ``post_search`` holds each post's prepared text under a trigram index: an FTS5 virtual table on
# SQLite, a table with a pg_trgm GIN index on PostgreSQL. Being dialect-specific it is not modelled
# here (``UNMODELLED_TABLES``); ``search_index`` writes it with its own SQL. Posts whose text changed
# since they were indexed wait here (searches treat them as candidates until they are indexed again).
post_search_stale = sa.Table(
    "post_search_stale", metadata,
    sa.Column("post_id", Id, _post_fk(), primary_key=True),
)

SEARCH_INDEX_TABLE = "post_search"
# The FTS5 table and its shadow tables (SQLite), or the plain table (PostgreSQL).
_FTS5_SHADOWS = ("data", "idx", "content", "docsize", "config")
UNMODELLED_TABLES = frozenset({SEARCH_INDEX_TABLE, *(f"{SEARCH_INDEX_TABLE}_{s}" for s in _FTS5_SHADOWS)})


def is_modelled(name: str | None, type_: str, *_: Any) -> bool:
    """For Alembic's ``include_name``: leave the search index's own tables out of comparisons."""
    return not (type_ == "table" and name in UNMODELLED_TABLES)
