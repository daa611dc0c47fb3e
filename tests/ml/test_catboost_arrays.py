"""CatBoost models are stored and served as their trees in arrays, never through CatBoost's loader.

Predictions equal CatBoost's own (<= 1e-12) for any number of rows and any depth the model type
allows, SHAP values too (<= 1e-9); migration 0013 converts artifacts that still hold a cbm blob
(in a sandboxed child) and retires one that cannot be converted.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pytest
from alembic import command
from ml_testdata import make_matches
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from backend.db.migrate import alembic_config, upgrade_to_head
from backend.ml import TrainedModel, artifacts, train_model
from backend.ml.artifacts import ArtifactError
from backend.ml.catboost_estimator import CatBoostEstimator
from backend.ml.estimators import SideSymmetric
from backend.ml.oblivious_forest import MAX_TREE_DEPTH, ObliviousForest
from tests.support.postgres import temporary_database

EXACT = 1e-12
SHAP_TOLERANCE = 1e-9


@pytest.fixture(scope="module")
def matches() -> pl.DataFrame:
    return make_matches(400, seed=11)


@pytest.fixture(scope="module")
def model(matches: pl.DataFrame) -> TrainedModel:
    return train_model(matches, "catboost", {"iterations": 40, "depth": 4}, evaluate=False)


def _inner(model: TrainedModel) -> CatBoostEstimator:
    assert isinstance(model.estimator, SideSymmetric)
    inner = model.estimator.inner
    assert isinstance(inner, CatBoostEstimator)
    return inner


def _catboost_proba(model: TrainedModel, matches: pl.DataFrame) -> np.ndarray:
    """What the service served before: CatBoost's own predict behind the side symmetry."""
    inner = _inner(model)
    X = np.asarray(model.features(matches), dtype=np.float32)
    raw = [inner.model_.predict(x, prediction_type="RawFormulaVal") for x in (X, -X)]
    odd = (raw[0] - raw[1]) / 2.0 + model.estimator.side_  # type: ignore[attr-defined]
    return np.asarray(model.calibrator.transform(odd))


def _cbm(inner: CatBoostEstimator) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.cbm"
        inner.model_.save_model(str(path), format="cbm")
        return path.read_bytes()


def _old_artifact(model: TrainedModel, cbm: bytes | None = None) -> bytes:
    """The bytes workers wrote before 0013: the CatBoost state holds its cbm blob."""
    root, arrays = artifacts.read_tree(model.to_bytes())
    text_root = json.dumps(root)
    assert "ObliviousForest" in text_root
    arrays["cbm_blob"] = np.frombuffer(cbm or _cbm(_inner(model)), dtype=np.uint8)

    def swap(node: Any) -> Any:
        if isinstance(node, dict):
            if str(node.get("__type__", "")).endswith("CatBoostEstimator"):
                pairs = node["state"]["__dict__"]
                node["state"]["__dict__"] = [
                    p if p[0] != "forest" else ["cbm", {"__bytes__": "cbm_blob"}] for p in pairs
                ]
                return node
            return {k: swap(v) for k, v in node.items()}
        if isinstance(node, list):
            return [swap(v) for v in node]
        return node

    return artifacts.write_tree(swap(root), arrays)


def test_served_probabilities_equal_catboosts(model: TrainedModel, matches: pl.DataFrame) -> None:
    loaded = TrainedModel.from_bytes(model.to_bytes())
    assert not hasattr(_inner(loaded), "model_")  # nothing of CatBoost's own is loaded
    expected = _catboost_proba(model, matches)
    assert len(expected) > 64  # past the old few-rows path: CatBoost served these before
    assert np.max(np.abs(loaded.predict_proba(matches) - expected)) <= EXACT
    for i in range(3):  # one draft, as /predict serves it
        row = matches.slice(i, 1)
        assert abs(loaded.predict_proba(row)[0] - expected[i]) <= EXACT


def test_loading_and_serving_never_import_catboost(
    model: TrainedModel, matches: pl.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    blob = model.to_bytes()
    monkeypatch.setitem(sys.modules, "catboost", None)  # any import of it now raises
    loaded = TrainedModel.from_bytes(blob)
    loaded.prepare_serving()
    heroes = np.arange(1, 11, dtype=np.int64)[None, :]
    accounts = np.full((1, 10), -1, dtype=np.int64)
    assert 0 < loaded.predict_arrays(heroes, accounts)[0] < 1
    assert loaded.explain_arrays(heroes, accounts)[0]
    assert len(loaded.predict_proba(matches)) == matches.height


@pytest.mark.parametrize("depth", range(1, MAX_TREE_DEPTH + 1))
def test_trees_of_every_allowed_depth_equal_catboost(depth: int) -> None:
    from catboost import CatBoostClassifier, Pool

    rng = np.random.default_rng(depth)
    X = rng.normal(size=(2000, 9)).astype(np.float32)
    X[:, 3] = np.round(X[:, 3])  # few values: CatBoost grows some trees shallower (padded)
    X[:, 4] = X[:, 4] > 0
    y = (X[:, 0] + X[:, 1] * X[:, 2] + X[:, 4] + rng.normal(size=len(X)) > 0).astype(int)
    cb = CatBoostClassifier(
        iterations=25, depth=depth, verbose=False, allow_writing_files=False, random_seed=0
    ).fit(X, y)
    forest = ObliviousForest.from_catboost(cb)
    assert forest is not None and forest.depth == depth
    stored = ObliviousForest.from_state(forest.to_state())
    raw = cb.predict(X, prediction_type="RawFormulaVal")
    assert np.max(np.abs(stored.raw(X) - raw)) <= EXACT
    shap = np.asarray(cb.get_feature_importance(Pool(X[:4]), type="ShapValues"))
    contributions, base = stored.shap(X[:4])
    assert np.max(np.abs(contributions - shap[:, :-1])) <= SHAP_TOLERANCE
    assert np.max(np.abs(base - shap[:, -1])) <= SHAP_TOLERANCE


def test_a_cbm_artifact_is_refused_with_the_way_out(model: TrainedModel) -> None:
    old = _old_artifact(model)
    with pytest.raises(ArtifactError, match="0013"):
        TrainedModel.from_bytes(old, artifacts.sha256_hex(old))


def test_bounds_are_checked_before_anything_is_built(model: TrainedModel) -> None:
    state = _inner(model).forest().to_state()
    deep = {**state, "features": np.zeros((3, 10**6), np.int64)}
    for bad in (
        deep,
        {**state, "features": state["features"] + 10**9},
        {**state, "values": state["values"][:, :-1]},
        {**state, "weights": -state["weights"]},
        {**state, "borders": state["borders"] * np.nan},
        {**state, "n_features": True},
        {**state, "scale": float("inf")},
    ):
        with pytest.raises(ArtifactError):
            ObliviousForest.from_state(bad)


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


def test_migration_0013_converts_cbm_artifacts(
    database: str, model: TrainedModel, matches: pl.DataFrame
) -> None:
    command.upgrade(alembic_config(database), "0009")
    good = _old_artifact(model)
    cbm = bytearray(_cbm(_inner(model)))
    cbm[len(cbm) // 3 : len(cbm) // 3 + 64] = b"\xff" * 64
    broken = _old_artifact(model, bytes(cbm))
    plain = train_model(matches, "logistic_regression", {}, evaluate=False).to_bytes()
    insert_model = (
        "INSERT INTO ml_models (id, model_type, status, is_active, hyperparameters, created_at) "
        "VALUES (:id, 'catboost', 'ready', :active, '{}', CURRENT_TIMESTAMP)"
    )
    insert_artifact = (
        "INSERT INTO model_artifacts (model_id, content, size_bytes, sha256) "
        "VALUES (:id, :content, :size, :sha)"
    )
    rows = []
    for model_id, content, active in (
        ("old", good, True),
        ("broken", broken, False),
        ("plain", plain, False),
    ):
        sha = hashlib.sha256(content).hexdigest()
        rows += [
            (insert_model, {"id": model_id, "active": active}),
            (
                insert_artifact,
                {"id": model_id, "content": content, "size": len(content), "sha": sha},
            ),
        ]
    asyncio.run(_sql(database, rows))

    upgrade_to_head(database)

    stored, statuses = asyncio.run(
        _sql(
            database,
            [
                (
                    "SELECT model_id, content, size_bytes, sha256 FROM model_artifacts ORDER BY 1",
                    {},
                ),
                ("SELECT id, status, is_active FROM ml_models ORDER BY id", {}),
            ],
        )
    )
    by_id = {row[0]: (bytes(row[1]), row[2], row[3]) for row in stored}
    assert set(by_id) == {"old", "plain"}
    assert by_id["plain"][0] == plain  # not a CatBoost model: untouched
    content, size, sha = by_id["old"]
    assert size == len(content) and sha == hashlib.sha256(content).hexdigest()
    loaded = TrainedModel.from_bytes(content, sha)
    expected = _catboost_proba(model, matches)
    assert np.max(np.abs(loaded.predict_proba(matches) - expected)) <= EXACT
    assert [(r[0], r[1], bool(r[2])) for r in statuses] == [
        ("broken", "failed", False),
        ("old", "ready", True),
        ("plain", "ready", False),
    ]
