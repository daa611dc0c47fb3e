"""model lifecycle: evaluations and activations tables; jobs outlive their models

- ``evaluations``: models scored on one common labelled file (promote cites them by id).
- ``activations``: the history of the active model (who, when, previous/new, reason, evidence).
- ``training_jobs.model_id`` loses its foreign key to ``ml_models`` so deleting a model keeps
  its job history; the job then reports ``model_deleted: true``.
- The half-made model rows of cancelled jobs (never trained, no artifact) are removed, as the
  service now does at cancel time.

Revision ID: 0005
Revises: 0001
Create Date: 2026-11-27 22:28:30.203760
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# SQLite reflects the 0001 foreign keys without names; batch mode names them by this convention.
SQLITE_FK_NAME = "fk_training_jobs_model_id_ml_models"
NAMING = {"fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"}


def _model_fk_name() -> str:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        return SQLITE_FK_NAME
    for fk in sa.inspect(bind).get_foreign_keys("training_jobs"):
        if fk["referred_table"] == "ml_models" and fk["name"]:
            return str(fk["name"])
    return "training_jobs_model_id_fkey"  # PostgreSQL's default name


def upgrade() -> None:
    op.create_table(
        "activations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("previous_model_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("model_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("activations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_activations_created_at"), ["created_at"], unique=False)

    op.create_table(
        "evaluations",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("dataset_sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("filename", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("n_matches", sa.Integer(), nullable=False),
        sa.Column("active_model_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("results", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    name = _model_fk_name()
    with op.batch_alter_table("training_jobs", schema=None, naming_convention=NAMING) as batch_op:
        batch_op.drop_constraint(name, type_="foreignkey")

    op.execute(
        "DELETE FROM ml_models WHERE status <> 'ready' AND NOT is_active AND id IN "
        "(SELECT model_id FROM training_jobs WHERE status = 'cancelled')"
    )


def downgrade() -> None:
    # The foreign key cannot come back while jobs point at deleted models: those jobs go.
    op.execute("DELETE FROM training_jobs WHERE model_id NOT IN (SELECT id FROM ml_models)")
    with op.batch_alter_table("training_jobs", schema=None, naming_convention=NAMING) as batch_op:
        batch_op.create_foreign_key(SQLITE_FK_NAME, "ml_models", ["model_id"], ["id"])

    op.drop_table("evaluations")
    with op.batch_alter_table("activations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activations_created_at"))

    op.drop_table("activations")
