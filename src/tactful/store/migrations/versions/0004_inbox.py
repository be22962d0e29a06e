"""Triage inbox: conversations, their posts, events (history), internal notes and replies.

Revision ID: 0004_inbox
Revises: 0003_privacy_ops
Create Date: 2026-11-29

Frozen: every column is spelled out (see 0001).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004_inbox"
down_revision = "0003_privacy_ops"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TIMESTAMP = sa.DateTime(timezone=True)
CHILDREN = ("inbox_events", "inbox_notes", "inbox_replies")


def _conversation_id(table: str) -> sa.Column:
    return sa.Column(
        "conversation_id",
        ID,
        sa.ForeignKey(
            "inbox_conversations.id",
            ondelete="CASCADE",
            name=f"fk_{table}_conversation_id_inbox_conversations",
        ),
        nullable=False,
    )


def upgrade() -> None:
    _conversations()
    op.create_table(
        "inbox_posts",
        _conversation_id("inbox_posts"),
        sa.Column(
            "post_id",
            ID,
            sa.ForeignKey("posts.id", ondelete="CASCADE", name="fk_inbox_posts_post_id_posts"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("conversation_id", "post_id", name="pk_inbox_posts"),
    )
    op.create_index("ix_inbox_posts_post_id", "inbox_posts", ["post_id"])
    _child(
        "inbox_events",
        sa.Column("actor", sa.String(255), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("detail", JSON, nullable=False),
    )
    _child(
        "inbox_notes",
        sa.Column("author", sa.String(255), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
    )
    _child(
        "inbox_replies",
        sa.Column("author", sa.String(255), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("via", sa.String(32), nullable=False),
        sa.Column("remote_id", sa.String(255)),
    )
    op.create_index("ix_inbox_replies_at", "inbox_replies", ["at"])


def _conversations() -> None:
    op.create_table(
        "inbox_conversations",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("thread_key", sa.String(512), nullable=False),
        sa.Column(
            "opening_post_id",
            ID,
            sa.ForeignKey(
                "posts.id", ondelete="CASCADE", name="fk_inbox_conversations_opening_post_id_posts"
            ),
            nullable=False,
        ),
        sa.Column("platform", sa.String(32), nullable=False),
        sa.Column("author_pseudonym", sa.String(128), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("team", sa.String(64)),
        sa.Column("assignee", sa.String(255)),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("reasons", JSON, nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("opened_at", TIMESTAMP, nullable=False),
        sa.Column("first_reply_at", TIMESTAMP),
        sa.Column("pending_since", TIMESTAMP),
        sa.Column("answered_pending_at", TIMESTAMP),
        sa.Column("resolved_at", TIMESTAMP),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_inbox_conversations"),
        sa.UniqueConstraint("thread_key", name="uq_inbox_conversations_thread_key"),
    )
    op.create_index("ix_inbox_conversations_author_pseudonym", "inbox_conversations", ["author_pseudonym"])
    op.create_index("ix_inbox_conversations_opening_post_id", "inbox_conversations", ["opening_post_id"])
    op.create_index("ix_inbox_conversations_opened_at", "inbox_conversations", ["opened_at"])
    op.create_index("ix_inbox_conversations_status_priority", "inbox_conversations", ["status", "priority"])


def _child(table: str, *columns: sa.Column) -> None:
    op.create_table(
        table,
        sa.Column("id", ID, autoincrement=True, nullable=False),
        _conversation_id(table),
        sa.Column("at", TIMESTAMP, nullable=False),
        *columns,
        sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
    )
    op.create_index(f"ix_{table}_conversation_id", table, ["conversation_id"])


def downgrade() -> None:
    for table in (*CHILDREN, "inbox_posts", "inbox_conversations"):
        op.drop_table(table)
