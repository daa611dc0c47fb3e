"""Training curves: the last point is the fitted model itself (exactly), every point is a
prefix of the same fit, and train_model stores a curve for every model type."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from ml_testdata import make_matches

from backend.ml import MODEL_TYPES, train_model
from backend.ml.curves import _staged, training_curve
from backend.ml.estimators import LinearEstimator
from backend.ml.metrics import _log_loss
from backend.ml.model_types import validate_hyperparameters
from backend.ml.progress import Progress

FAST = {
    "logistic_regression": {},
    "catboost": {"iterations": 30, "depth": 3},
    "hist_gradient_boosting": {"max_iter": 20},
}


def fitted(name: str, X: np.ndarray, y: np.ndarray):  # type: ignore[no-untyped-def]
    hp = validate_hyperparameters(name, FAST[name])
    est = MODEL_TYPES[name].make_estimator(hp, np.ones(X.shape[1], dtype=bool))
    est.fit(X, y, Progress(None).span(0, 1, "fit"))
    return est


@pytest.fixture(scope="module")
def data() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(3)
    X = rng.normal(size=(900, 6))
    y = (X[:, 0] - 0.5 * X[:, 1] + rng.normal(size=900) > 0).astype(np.float64)
    return X[:700], y[:700], X[700:], y[700:]


@pytest.mark.parametrize("name", ["catboost", "hist_gradient_boosting"])
def test_a_tree_curve_ends_at_the_model_and_every_point_is_a_prefix(
    name: str, data: tuple[np.ndarray, ...]
) -> None:
    X, y, Xh, yh = data
    est = fitted(name, X, y)
    curve = training_curve(est, X, y, Xh, yh)
    assert curve is not None and curve["unit"] == "trees"
    steps = np.array(curve["iterations"])
    assert steps[0] == 1 and steps[-1] == FAST[name].get("iterations", FAST[name].get("max_iter"))
    assert np.all(np.diff(steps) > 0)
    # All trees: exactly the model's decision.
    staged = _staged(est, Xh, steps)
    assert staged is not None
    np.testing.assert_allclose(staged[-1], est.decision_function(Xh), rtol=0, atol=1e-9)
    p = 1 / (1 + np.exp(-est.decision_function(Xh)))
    assert curve["holdout_log_loss"][-1] == pytest.approx(_log_loss(yh, p), abs=1e-12)
    # Boosting lowers the training loss overall.
    assert curve["train_log_loss"][-1] < curve["train_log_loss"][0]


def test_the_linear_curve_refits_the_solver_iterates(data: tuple[np.ndarray, ...]) -> None:
    X, y, Xh, yh = data
    est = fitted("logistic_regression", X, y)
    assert isinstance(est, LinearEstimator)
    curve = training_curve(est, X, y, Xh, yh)
    assert curve is not None and curve["unit"] == "solver iterations"
    n_iter = int(np.max(est.model_.n_iter_))
    assert curve["iterations"][-1] == n_iter and curve["converged"] is True
    p = 1 / (1 + np.exp(-est.decision_function(Xh)))
    assert curve["holdout_log_loss"][-1] == pytest.approx(_log_loss(yh, p), abs=1e-9)
    # lbfgs is deterministic: refitting for all its iterations gives the same model.
    from sklearn.linear_model import LogisticRegression

    again = LogisticRegression(C=est.C, max_iter=n_iter).fit(est._transform(X), y)
    np.testing.assert_array_equal(again.coef_, est.model_.coef_)
    assert curve["train_log_loss"][0] > curve["train_log_loss"][-1]


def test_no_holdout_no_curve(data: tuple[np.ndarray, ...]) -> None:
    X, y, Xh, yh = data
    est = fitted("hist_gradient_boosting", X, y)
    assert training_curve(est, X, y, Xh[:0], yh[:0]) is None


@pytest.fixture(scope="module")
def matches() -> pl.DataFrame:
    return make_matches(400, seed=11)


@pytest.mark.parametrize("name", list(MODEL_TYPES))
def test_train_model_stores_the_curve(name: str, matches: pl.DataFrame) -> None:
    model = train_model(matches, name, FAST[name])
    curve = model.evaluation["training_curve"]
    assert (
        len(curve["iterations"]) == len(curve["train_log_loss"]) == len(curve["holdout_log_loss"])
    )
    assert curve["n_holdout"] == model.metrics["n_holdout"]
    assert all(0 < v < 5 for v in curve["holdout_log_loss"])
