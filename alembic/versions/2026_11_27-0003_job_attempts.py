"""job attempts: interrupted training jobs are retried

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-27 22:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing jobs count as started once if they ever ran; the default limit applies to them.
    with op.batch_alter_table("training_jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("attempts", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(
            sa.Column("max_attempts", sa.Integer(), server_default="3", nullable=False)
        )
    op.execute("UPDATE training_jobs SET attempts = 1 WHERE started_at IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table("training_jobs", schema=None) as batch_op:
        batch_op.drop_column("max_attempts")
        batch_op.drop_column("attempts")
