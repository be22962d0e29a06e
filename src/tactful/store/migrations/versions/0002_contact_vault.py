"""Contact vault: sealed author handles of posts the policy may answer.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "contact_vault",
        sa.Column("post_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                  sa.ForeignKey("posts.id", ondelete="CASCADE", name="fk_contact_vault_post_id_posts"),
                  nullable=False),
        sa.Column("sealed_contact", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("post_id", name="pk_contact_vault"),
    )
    op.create_index("ix_contact_vault_created_at", "contact_vault", ["created_at"])


def downgrade() -> None:
    op.drop_table("contact_vault")
