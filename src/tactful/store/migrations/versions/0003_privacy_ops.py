"""Privacy operations: opt-out registry, author aliases, erased-post tombstones, audit log and its head.

Revision ID: 0003_privacy_ops
Revises: 0002
Create Date: 2026-11-29

Frozen, like every migration: the columns are spelled out here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003_privacy_ops"
down_revision = "0002"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
TIMESTAMP = sa.DateTime(timezone=True)
GENESIS = "0" * 64


def upgrade() -> None:
    op.create_table(
        "optouts",
        sa.Column("hash", sa.String(128), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("via", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("hash", name="pk_optouts"),
    )
    op.create_table(
        "author_aliases",
        sa.Column("alias", sa.String(128), nullable=False),
        sa.Column("author_pseudonym", sa.String(128), nullable=False),
        sa.PrimaryKeyConstraint("alias", "author_pseudonym", name="pk_author_aliases"),
    )
    op.create_index("ix_author_aliases_author_pseudonym", "author_aliases", ["author_pseudonym"])
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(255), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("target", sa.String(255), nullable=False),
        sa.Column("detail", JSON, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_audit_log"),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_table(
        "erased_posts",
        sa.Column("key_hash", sa.String(128), nullable=False),
        sa.Column("erased_at", TIMESTAMP, nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("key_hash", name="pk_erased_posts"),
    )
    head = op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("anchor", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_head"),
    )
    op.bulk_insert(head, [{"id": 1, "seq": 0, "hash": GENESIS, "anchor": GENESIS}])


def downgrade() -> None:
    for table in ("audit_head", "erased_posts", "audit_log", "author_aliases", "optouts"):
        op.drop_table(table)
