"""Initial schema: posts, matches, analyses, aspects, decisions, quarantine, source cursors.

Revision ID: 0001
Revises:
Create Date: 2026-11-29

Frozen: this file spells out every column instead of importing ``schema.py``, so
that later changes to the code's schema can never change what this step does.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TIMESTAMP = sa.DateTime(timezone=True)


def _post_id(table: str) -> sa.Column:
    return sa.Column("post_id", ID, sa.ForeignKey("posts.id", ondelete="CASCADE",
                                                   name=f"fk_{table}_post_id_posts"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "posts",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("platform", sa.String(32), nullable=False),
        sa.Column("platform_id", sa.String(255), nullable=False),
        sa.Column("author_pseudonym", sa.String(128), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("ingested_at", TIMESTAMP, nullable=False),
        sa.Column("source", sa.String(255), server_default="", nullable=False),
        sa.Column("lang", sa.String(16)),
        sa.Column("reply_to_id", sa.String(255)),
        sa.Column("thread_id", sa.String(255)),
        sa.Column("replies_to_brand", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("is_direct_message", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("mentions", JSON, nullable=False),
        sa.Column("hashtags", JSON, nullable=False),
        sa.Column("links", JSON, nullable=False),
        sa.Column("engagement", JSON, nullable=False),
        sa.Column("author_flags", JSON, nullable=False),
        sa.Column("pii_types", JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_posts"),
        sa.UniqueConstraint("platform", "platform_id", name="uq_posts_platform_platform_id"),
    )
    op.create_index("ix_posts_author_pseudonym", "posts", ["author_pseudonym"])
    op.create_index("ix_posts_created_at", "posts", ["created_at"])
    op.create_index("ix_posts_thread_id", "posts", ["thread_id"])

    op.create_table(
        "post_matches",
        _post_id("post_matches"),
        sa.Column("query_name", sa.String(255), nullable=False),
        sa.Column("query_group", sa.String(255), nullable=False),
        sa.PrimaryKeyConstraint("post_id", "query_name", name="pk_post_matches"),
    )
    op.create_index("ix_post_matches_query_group_post_id", "post_matches", ["query_group", "post_id"])

    op.create_table(
        "analyses",
        _post_id("analyses"),
        sa.Column("tier", sa.String(16), nullable=False),
        sa.Column("lang", sa.String(16), nullable=False),
        sa.Column("sentiment", sa.String(32)),
        sa.Column("sentiment_score", sa.Float()),
        sa.Column("emotion", sa.String(32)),
        sa.Column("intent", sa.String(32)),
        sa.Column("complaint", sa.Float()),
        sa.Column("irony", sa.Float()),
        sa.Column("offensive", sa.Float()),
        sa.Column("hate", sa.Float()),
        sa.Column("needs_response", sa.Float()),
        sa.Column("addressed", sa.Boolean()),
        sa.Column("analysis", JSON, nullable=False),
        sa.PrimaryKeyConstraint("post_id", name="pk_analyses"),
    )
    op.create_index("ix_analyses_sentiment", "analyses", ["sentiment"])
    op.create_index("ix_analyses_intent", "analyses", ["intent"])

    op.create_table(
        "post_aspects",
        _post_id("post_aspects"),
        sa.Column("aspect", sa.String(64), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("sentiment", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("post_id", "aspect", name="pk_post_aspects"),
    )
    op.create_index("ix_post_aspects_aspect_sentiment", "post_aspects", ["aspect", "sentiment"])

    op.create_table(
        "decisions",
        _post_id("decisions"),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("team", sa.String(64)),
        sa.Column("reasons", JSON, nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("policy_version", sa.String(64), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("post_id", name="pk_decisions"),
    )
    op.create_index("ix_decisions_action_priority", "decisions", ["action", "priority"])

    op.create_table(
        "quarantine",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("source", sa.String(255), nullable=False),
        sa.Column("location", sa.String(255), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_quarantine"),
    )
    op.create_index("ix_quarantine_code", "quarantine", ["code"])
    op.create_index("ix_quarantine_created_at", "quarantine", ["created_at"])

    op.create_table(
        "source_cursors",
        sa.Column("source", sa.String(255), nullable=False),
        sa.Column("cursor", sa.Text(), nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("source", name="pk_source_cursors"),
    )


def downgrade() -> None:
    for table in ("source_cursors", "quarantine", "decisions", "post_aspects", "analyses", "post_matches",
                  "posts"):
        op.drop_table(table)
