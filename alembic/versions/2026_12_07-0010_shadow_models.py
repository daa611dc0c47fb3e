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


# Plain ALTER TABLE, never batch mode: on SQLite a batch "move and copy" drops and recreates
# ml_models, and the foreign keys' ON DELETE CASCADE would take every model artifact with it.
def upgrade() -> None:
    op.add_column(
        "ml_models", sa.Column("shadow", sa.Boolean(), server_default=sa.false(), nullable=False)
    )


def downgrade() -> None:
    op.execute("ALTER TABLE ml_models DROP COLUMN shadow")  # SQLite >= 3.35 and PostgreSQL
