"""The one-draft paths equal the matrix pipeline: feature rows (draft_features) bit for bit,
CatBoost's trees as arrays (oblivious_forest) and their SHAP values to <= 1e-9."""

from __future__ import annotations

from typing import Any

import numpy as np
import polars as pl
import pytest

from backend.matches import CANONICAL_SCHEMA, hero_registry, load_default_matches
from backend.ml import TrainedModel, train_model
from backend.ml.catboost_estimator import CatBoostEstimator
from backend.ml.estimators import SideSymmetric
from backend.ml.frame import ACCOUNT_COLUMNS, ANONYMOUS_ACCOUNT_ID, DIRE_HEROES, RADIANT_HEROES

TOLERANCE = 1e-9
MODELS: dict[str, tuple[str, dict[str, Any]]] = {
    "logistic_regression": ("logistic_regression", {}),
    "catboost": ("catboost", {"iterations": 60, "depth": 4}),
    "hist_gradient_boosting": ("hist_gradient_boosting", {"max_iter": 20}),
    "no_player_features": ("logistic_regression", {"use_player_features": False}),
    "no_hero_stats": ("logistic_regression", {"use_hero_stats": False}),
}


@pytest.fixture(scope="module")
def matches() -> pl.DataFrame:
    return load_default_matches()


@pytest.fixture(scope="module", params=list(MODELS))
def model(request: pytest.FixtureRequest, matches: pl.DataFrame) -> TrainedModel:
    model_type, hyperparameters = MODELS[request.param]
    # The earlier 90 % trains, so later matches bring accounts and pairs the model never saw.
    return train_model(
        matches.head(int(matches.height * 0.9)), model_type, hyperparameters, evaluate=False
    )


def _drafts(matches: pl.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Real drafts (seen and unseen players), with ids removed in several patterns."""
    sample = matches.tail(300)
    heroes = sample.select(RADIANT_HEROES + DIRE_HEROES).to_numpy().astype(np.int64)
    accounts = sample.select(ACCOUNT_COLUMNS).fill_null(-1).to_numpy().astype(np.int64)
    accounts[accounts == ANONYMOUS_ACCOUNT_ID] = -1
    rng = np.random.default_rng(7)
    some = np.where(rng.random(accounts.shape) < 0.4, -1, accounts)
    none = np.full_like(accounts, -1)
    one_side = accounts.copy()
    one_side[:, 5:] = -1
    strangers = np.where(rng.random(accounts.shape) < 0.5, accounts + 10**9, accounts)
    # Drafts of any heroes, including ones the model never saw (ids absent from the data).
    all_ids = np.array([h.id for h in hero_registry().heroes])
    rare = np.array([rng.permutation(all_ids)[:10] for _ in range(len(heroes))])
    return (
        np.vstack([heroes, heroes, heroes, heroes, heroes, rare]),
        np.vstack([accounts, some, none, one_side, strangers, accounts]),
    )


def test_one_draft_rows_equal_build_matrix(model: TrainedModel, matches: pl.DataFrame) -> None:
    heroes, accounts = _drafts(matches)
    expected = model.features_from_arrays(heroes, accounts)
    builder = model.draft_features()
    for i in range(len(heroes)):
        row = builder.row(heroes[i].tolist(), accounts[i].tolist())
        # Bit for bit: tree models split on 1e-16 differences (see draft_features).
        assert np.array_equal(row, expected[i]), i
        # Side swap: exactly the negated row, as build_matrix's.
        swapped = builder.row(
            heroes[i, [*range(5, 10), *range(5)]].tolist(),
            accounts[i, [*range(5, 10), *range(5)]].tolist(),
        )
        assert np.array_equal(swapped, -row)


def test_one_draft_predictions_and_explanations(model: TrainedModel, matches: pl.DataFrame) -> None:
    heroes, accounts = _drafts(matches)
    heroes, accounts = heroes[::7], accounts[::7]
    expected = model.predict_proba(_frame(heroes, accounts))
    for i in range(len(heroes)):
        got = model.predict_arrays(heroes[i : i + 1], accounts[i : i + 1])
        assert abs(got[0] - expected[i]) <= TOLERANCE
        one = model.explain_arrays(heroes[i : i + 1], accounts[i : i + 1])[0]
        reference = model.explain_matrix(model.features_from_arrays(heroes[i:], accounts[i:]), 8)
        for a, b in zip(one, reference[0], strict=True):
            assert a["factor"] == b["factor"]
            assert abs(a["contribution"] - b["contribution"]) <= TOLERANCE


def _frame(heroes: np.ndarray, accounts: np.ndarray) -> pl.DataFrame:
    rows = []
    for i in range(len(heroes)):
        row: dict[str, object] = {"match_id": i, "start_time": None, "radiant_win": None}
        row |= dict(zip(RADIANT_HEROES + DIRE_HEROES, heroes[i].tolist(), strict=True))
        row |= {
            c: None if a < 0 else a
            for c, a in zip(ACCOUNT_COLUMNS, accounts[i].tolist(), strict=True)
        }
        rows.append(row)
    return pl.DataFrame(rows, schema=CANONICAL_SCHEMA)


@pytest.mark.parametrize("model", ["catboost"], indirect=True)
def test_catboost_trees_as_arrays_equal_catboost(
    model: TrainedModel, matches: pl.DataFrame
) -> None:
    estimator = model.estimator
    assert isinstance(estimator, SideSymmetric)
    assert isinstance(estimator.inner, CatBoostEstimator)
    from catboost import Pool

    inner = estimator.inner
    forest = inner.forest()
    assert forest is not None
    heroes, accounts = _drafts(matches)
    X = model.features_from_arrays(heroes, accounts)
    X = np.vstack([X, -X])
    raw = inner.model_.predict(X, prediction_type="RawFormulaVal")
    assert np.max(np.abs(forest.raw(X) - raw)) <= TOLERANCE
    shap = np.asarray(inner.model_.get_feature_importance(Pool(X), type="ShapValues"))
    contributions, base = forest.shap(X)
    assert np.max(np.abs(contributions - shap[:, :-1])) <= TOLERANCE
    assert np.max(np.abs(base - shap[:, -1])) <= TOLERANCE


def test_feature_blocks_equal_one_pass(
    model: TrainedModel, matches: pl.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    """features_from_arrays block by block (history inputs, then matrix rows) = one full pass."""
    import backend.ml.trained_model as trained_model
    from backend.ml.features import build_matrix
    from backend.ml.frame import MatchArrays
    from backend.ml.history import build_from_state

    heroes, accounts = _drafts(matches)
    arrays = MatchArrays(np.zeros(len(heroes), np.int64), heroes, accounts, None)
    whole, _ = build_matrix(build_from_state(arrays, model.state), model.feature_config)
    monkeypatch.setattr(trained_model, "FEATURE_CHUNK_ROWS", 97)  # 1,800 rows: a last block of 53
    assert np.array_equal(model.features_from_arrays(heroes, accounts), whole)
    assert model.features_from_arrays(heroes[:0], accounts[:0]).shape == (0, len(model.specs))


def test_predictions_in_blocks_equal_one_matrix(
    model: TrainedModel, matches: pl.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    """predict_arrays block by block = calibrated decisions of the whole file's matrix."""
    import backend.ml.trained_model as trained_model

    heroes, accounts = _drafts(matches)
    whole = model.calibrator.transform(
        model.estimator.decision_function(model.features_from_arrays(heroes, accounts))
    )
    monkeypatch.setattr(trained_model, "FEATURE_CHUNK_ROWS", 101)
    np.testing.assert_allclose(model.predict_arrays(heroes, accounts), whole, rtol=0, atol=1e-12)
    np.testing.assert_allclose(model.predict_proba(_frame(heroes, accounts)), whole, atol=1e-12)
