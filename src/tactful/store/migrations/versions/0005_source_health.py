"""Connector health for live sources: one row per source (issue 7).

Revision ID: 0005_source_health
Revises: 0004_inbox
Create Date: 2026-11-29

Frozen, like every migration: the columns are spelled out here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_source_health"
down_revision = "0004_inbox"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "source_health",
        sa.Column("source", sa.String(255), nullable=False),
        sa.Column("state", sa.String(32), nullable=False),
        sa.Column("last_event_at", TIMESTAMP),
        sa.Column("last_event_time", TIMESTAMP),
        sa.Column("events", sa.BigInteger(), nullable=False, server_default="0"),
        sa.Column("errors", sa.BigInteger(), nullable=False, server_default="0"),
        sa.Column("consecutive_errors", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text(), nullable=False, server_default=""),
        sa.Column("updated_at", TIMESTAMP),
        sa.PrimaryKeyConstraint("source", name="pk_source_health"),
    )


def downgrade() -> None:
    op.drop_table("source_health")
