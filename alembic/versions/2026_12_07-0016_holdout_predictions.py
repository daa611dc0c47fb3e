"""holdout predictions: a trained model's per-match predictions of its holdout

GET /api/v1/models/holdout_predictions downloads them (the rows behind the model's holdout
metrics). Kept beside the model, never in its artifact; deleted with the model.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "holdout_predictions",
        sa.Column("model_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("n_matches", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["model_id"], ["ml_models.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("model_id"),
    )


def downgrade() -> None:
    op.drop_table("holdout_predictions")
