"""model_roll_forward: each ready model's training end and where its served state stands
(results applied, last match), so a results post reports it without loading the model

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 16:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Rows appear when a model is trained or imported, and for older models on the first
    # results post that lists them (read from the artifact once): nothing to backfill here.
    op.create_table(
        "model_roll_forward",
        sa.Column(
            "model_id",
            sa.String(length=64),
            sa.ForeignKey("ml_models.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("advanceable", sa.Boolean(), nullable=False),
        sa.Column("order_key", sa.String(length=16), nullable=False),
        sa.Column("end_match_id", sa.BigInteger(), nullable=True),
        sa.Column("end_start_time", sa.BigInteger(), nullable=True),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("results_applied", sa.Integer(), nullable=False),
        sa.Column("as_of_match_id", sa.BigInteger(), nullable=True),
        sa.Column("as_of_start_time", sa.BigInteger(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("model_roll_forward")
