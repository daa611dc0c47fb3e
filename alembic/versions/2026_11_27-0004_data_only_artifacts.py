"""model artifacts: pickle → data-only format (JSON + npz + CatBoost's own format)

Every ``model_artifacts`` row still in the old format (``DOTA-ML-1`` magic, a zlib-compressed
pickle) is loaded once with pickle here — those rows were written by our own workers, and this
is the last place pickle is used — and saved again with ``TrainedModel.to_bytes`` (data only),
with a fresh ``sha256`` and ``size_bytes``. A row that cannot be converted (damaged, or written
by code whose classes no longer exist) is removed and its model marked ``failed`` and
inactive, so it is retrained rather than served; the count is logged.

Downgrade leaves the data alone: older code cannot read the new format, so models trained
after this migration would have to be retrained after a downgrade.

Revision ID: 0004
Revises: 0001
Create Date: 2026-11-27 23:00:00
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import zlib
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_MAGIC = b"DOTA-ML-1\n"
log = logging.getLogger("alembic.runtime.migration")

artifacts = sa.table(
    "model_artifacts",
    sa.column("model_id", sa.String),
    sa.column("content", sa.LargeBinary),
    sa.column("size_bytes", sa.Integer),
    sa.column("sha256", sa.String),
)
models = sa.table(
    "ml_models",
    sa.column("id", sa.String),
    sa.column("status", sa.String),
    sa.column("is_active", sa.Boolean),
)


def _convert(content: bytes) -> bytes:
    from backend.ml import TrainedModel

    model: Any = pickle.loads(zlib.decompress(content[len(OLD_MAGIC) :]))  # our own rows, once
    if not isinstance(model, TrainedModel):
        raise TypeError(f"not a TrainedModel: {type(model).__name__}")
    new = model.to_bytes()
    TrainedModel.from_bytes(new)  # it must load back before the old bytes are replaced
    return new


def upgrade() -> None:
    bind = op.get_bind()
    ids = bind.execute(sa.select(artifacts.c.model_id)).scalars().all()
    converted, dropped = 0, 0
    for model_id in ids:
        content = bind.execute(
            sa.select(artifacts.c.content).where(artifacts.c.model_id == model_id)
        ).scalar_one()
        if not bytes(content).startswith(OLD_MAGIC):
            continue
        try:
            new = _convert(bytes(content))
        except Exception as exc:  # anything: this row is retrained instead
            log.warning("model %s: artifact not convertible (%s); marked failed", model_id, exc)
            bind.execute(sa.delete(artifacts).where(artifacts.c.model_id == model_id))
            bind.execute(
                sa.update(models)
                .where(models.c.id == model_id)
                .values(status="failed", is_active=False)
            )
            dropped += 1
            continue
        bind.execute(
            sa.update(artifacts)
            .where(artifacts.c.model_id == model_id)
            .values(content=new, size_bytes=len(new), sha256=hashlib.sha256(new).hexdigest())
        )
        converted += 1
    if converted or dropped:
        log.info("artifacts: %d converted to the data-only format, %d dropped", converted, dropped)


def downgrade() -> None:
    pass
