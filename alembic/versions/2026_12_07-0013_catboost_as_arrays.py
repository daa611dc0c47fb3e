"""model artifacts: CatBoost models stored as their trees in arrays, not CatBoost's cbm format

CatBoost's native loader can crash the process that reads damaged bytes, so the service no longer
calls it on anything stored: a CatBoost model is kept as its oblivious trees (split features,
borders, leaf values and weights; ``backend.ml.oblivious_forest``), which the service evaluates
itself, exactly. Every artifact still holding a ``cbm`` blob is converted here. The blob is
parsed by CatBoost in a sandboxed child process (``backend.ml.cbm_convert``: memory-limited, with
a deadline, replaced if it dies), never in the migrating process, and this migration runs offline
(``make run``'s migrate step, compose's one-shot migrate service), never inside an API process.
Only the CatBoost node of the stored tree is rewritten; every other part is copied as it is.
A row that cannot be converted (CatBoost refuses it, its child dies, or the result does not load)
is removed and its model marked ``failed`` and inactive, as 0004 does, so it is retrained rather
than served; the counts are logged.

Downgrade leaves the data alone: older code cannot read the new form, so CatBoost models would
have to be retrained after a downgrade.

Revision ID: 0013
Revises: 0011
Create Date: 2026-12-07 01:20:00
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from typing import Any

import numpy as np
import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CATBOOST = "backend.ml.catboost_estimator:CatBoostEstimator"
log = logging.getLogger("alembic.runtime.migration")

artifacts_table = sa.table(
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


def _catboost_states(node: Any) -> list[list[Any]]:
    """The ``__dict__`` pair lists of every CatBoost estimator state holding a cbm blob."""
    found: list[list[Any]] = []
    if isinstance(node, list):
        for value in node:
            found += _catboost_states(value)
    elif isinstance(node, dict):
        state = node.get("state")
        if node.get("__type__") == CATBOOST and isinstance(state, dict):
            pairs = state.get("__dict__")
            if isinstance(pairs, list) and any(p[0] == "cbm" for p in pairs):
                found.append(pairs)
                return found
        for value in node.values():
            found += _catboost_states(value)
    return found


def convert(content: bytes, converter: Any) -> bytes | None:
    """The artifact with each CatBoost blob replaced by its trees; None if it has no blob."""
    from backend.ml import TrainedModel, artifacts

    try:
        root, arrays = artifacts.read_tree(content)
    except artifacts.ArtifactError:
        return None  # not ours to judge here: it is refused when loaded, as before
    states = _catboost_states(root)
    if not states:
        return None
    for pairs in states:
        index = next(i for i, pair in enumerate(pairs) if pair[0] == "cbm")
        key = pairs[index][1]["__bytes__"]
        blob = np.asarray(arrays.pop(key)).tobytes()
        forest = converter.convert(blob)
        pairs[index] = ["forest", artifacts.encode_into(forest, arrays)]
    new = artifacts.write_tree(root, arrays)
    TrainedModel.from_bytes(new)  # it must load back before the old bytes are replaced
    return new


def upgrade() -> None:
    from backend.ml.cbm_convert import CbmConverter

    bind = op.get_bind()
    ids = bind.execute(sa.select(artifacts_table.c.model_id)).scalars().all()
    converted, dropped = 0, 0
    with CbmConverter() as converter:  # its child starts only when a blob is found
        for model_id in ids:
            content = bind.execute(
                sa.select(artifacts_table.c.content).where(artifacts_table.c.model_id == model_id)
            ).scalar_one()
            try:
                new = convert(bytes(content), converter)
            except Exception as exc:  # anything: this row is retrained instead
                log.warning("model %s: CatBoost artifact not convertible (%s); marked failed",
                            model_id, str(exc)[:200])  # fmt: skip
                bind.execute(
                    sa.delete(artifacts_table).where(artifacts_table.c.model_id == model_id)
                )
                bind.execute(
                    sa.update(models)
                    .where(models.c.id == model_id)
                    .values(status="failed", is_active=False)
                )
                dropped += 1
                continue
            if new is None:
                continue
            bind.execute(
                sa.update(artifacts_table)
                .where(artifacts_table.c.model_id == model_id)
                .values(content=new, size_bytes=len(new), sha256=hashlib.sha256(new).hexdigest())
            )
            converted += 1
    if converted or dropped:
        log.info(
            "artifacts: %d CatBoost models converted to arrays, %d dropped", converted, dropped
        )


def downgrade() -> None:
    pass
