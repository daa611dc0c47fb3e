"""shadow challengers: ml_models.shadow marks the models that shadow the active one

Every API process reads the set with the active model's id (one query), so a PUT
/api/v1/models/shadow is followed everywhere within a poll. Deleting a model removes its row and
so its membership; activating a shadow clears its flag.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 01:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("ml_models", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("shadow", sa.Boolean(), server_default=sa.text("false"), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("ml_models", schema=None) as batch_op:
        batch_op.drop_column("shadow")
