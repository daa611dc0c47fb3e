"""model notes: ml_models.description and ml_models.tags, set by PUT /api/v1/models/metadata

What MLflow users keep beside a registered model: a free-text description and tags to search
and filter the model list by (GET /api/v1/models/list?tag=…&q=…).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 16:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ALTER TABLE, never batch mode: on SQLite a batch "move and copy" drops and recreates
# ml_models, and the foreign keys' ON DELETE CASCADE would take every model artifact with it.
def upgrade() -> None:
    op.add_column("ml_models", sa.Column("description", sa.Text(), nullable=True))
    op.add_column(
        "ml_models",
        sa.Column("tags", sa.JSON(), server_default=sa.text("'[]'"), nullable=False),
    )


def downgrade() -> None:
    op.execute("ALTER TABLE ml_models DROP COLUMN tags")  # SQLite >= 3.35 and PostgreSQL
    op.execute("ALTER TABLE ml_models DROP COLUMN description")
