"""BRIN indexes on the posts' time columns, on PostgreSQL only (issue 8, large tables).

Revision ID: 0009_brin_time_indexes
Revises: 0008_insights_perf
Create Date: 2026-11-29

A BRIN index keeps one min/max summary per block range (128 pages), so it is a
few dozen kilobytes where a btree on a million rows is tens of megabytes, and
it answers time-range scans on a table whose physical order follows time:
``ingested_at`` always does (rows are appended), ``created_at`` does for live
ingest. The btree on ``created_at`` stays for ordered reads (newest first) and
tables filled out of order (docs/storage.md, "Large tables"). SQLite has no
BRIN: nothing to do there.

Frozen, like every migration: the names are spelled out here.
"""

from __future__ import annotations

from alembic import op

revision = "0009_brin_time_indexes"
down_revision = "0008_insights_perf"
branch_labels = None
depends_on = None

# New block ranges are summarised by autovacuum as they fill (default: only at the next VACUUM),
# so the newest posts, the ones dashboards ask for most, are not left to a full scan of their ranges.
AUTOSUMMARIZE = {"autosummarize": "on"}
INDEXES = (("ix_posts_created_at_brin", "created_at"), ("ix_posts_ingested_at_brin", "ingested_at"))


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, column in INDEXES:
        op.create_index(name, "posts", [column], postgresql_using="brin", postgresql_with=AUTOSUMMARIZE)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, _column in INDEXES:
        op.drop_index(name, table_name="posts")
