"""Migration 0004 converts pickled artifacts to the data-only format (or retires them)."""

from __future__ import annotations

import asyncio
import copy
import hashlib
import pickle
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from alembic import command
from ml_testdata import make_matches
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from backend.db.migrate import alembic_config, upgrade_to_head
from backend.ml import TrainedModel, artifacts, train_model
from tests.support.postgres import temporary_database

OLD_MAGIC = b"DOTA-ML-1\n"


def _old_artifact(model: TrainedModel) -> bytes:
    """The bytes our workers wrote before 0004 (sklearn's object inside, no coef_ copy)."""
    old = copy.deepcopy(model)
    del old.estimator.coef_, old.estimator.intercept_  # type: ignore[attr-defined]
    return OLD_MAGIC + zlib.compress(pickle.dumps(old, protocol=5))


Rows = list[list[tuple[Any, ...]]]


async def _sql(url: str, statements: list[tuple[str, dict[str, object]]]) -> Rows:
    engine = create_async_engine(url)
    out = []
    async with engine.begin() as connection:
        for sql, params in statements:
            result = await connection.execute(text(sql), params)
            out.append([tuple(r) for r in result.all()] if result.returns_rows else [])
    await engine.dispose()
    return out


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'old.db'}"
    else:
        with temporary_database() as url:
            yield url


def test_pickled_rows_are_converted_or_retired(database: str) -> None:
    matches = make_matches(200, seed=3)
    model = train_model(matches, "logistic_regression", {})
    command.upgrade(alembic_config(database), "0001")
    insert_model = (
        "INSERT INTO ml_models (id, model_type, status, is_active, hyperparameters, created_at) "
        "VALUES (:id, 'logistic_regression', 'ready', :active, '{}', CURRENT_TIMESTAMP)"
    )
    insert_artifact = (
        "INSERT INTO model_artifacts (model_id, content, size_bytes, sha256) "
        "VALUES (:id, :content, :size, :sha)"
    )
    good, broken = _old_artifact(model), OLD_MAGIC + zlib.compress(b"not a pickle")
    rows = []
    for model_id, content, active in (("old", good, True), ("broken", broken, False)):
        rows += [
            (insert_model, {"id": model_id, "active": active}),
            (
                insert_artifact,
                {"id": model_id, "content": content, "size": len(content), "sha": "x"},
            ),
        ]
    asyncio.run(_sql(database, rows))

    upgrade_to_head(database)

    stored, statuses = asyncio.run(
        _sql(
            database,
            [
                ("SELECT model_id, content, size_bytes, sha256 FROM model_artifacts", {}),
                ("SELECT id, status, is_active FROM ml_models ORDER BY id", {}),
            ],
        )
    )
    assert [row[0] for row in stored] == ["old"]
    _, content, size, sha = stored[0]
    content = bytes(content)
    assert content.startswith(artifacts.MAGIC) and b"pickle" not in content[:20]
    assert size == len(content) and sha == hashlib.sha256(content).hexdigest()
    loaded = TrainedModel.from_bytes(content, sha)
    np.testing.assert_allclose(loaded.predict_proba(matches), model.predict_proba(matches))
    assert [(r[0], r[1], bool(r[2])) for r in statuses] == [
        ("broken", "failed", False),
        ("old", "ready", True),
    ]
