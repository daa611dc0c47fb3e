"""Training curves: log-loss after each boosting iteration (CatBoost, histogram boosting) or
each solver iteration (logistic regression), on the training part and on the holdout.

Computed once at training, from the model fitted on the training part (the one the holdout
metrics come from), and stored in the model's evaluation. The losses are of the raw model
(sigmoid of its decision, before calibration): how fitting went, not what is served.
- Trees: the decision after t trees is a cumulative sum of per-tree leaf values (exact; the
  side-swap wrapper's side constant is the final model's).
- Logistic regression: scikit-learn's lbfgs is deterministic, so the model refitted with
  ``max_iter=k`` is exactly the solver's k-th iterate; iterates 1, 3 and 9 are refitted
  (cheap: 13 iterations), the last point is the fitted model.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from backend.ml.estimators import Estimator, LinearEstimator, SideSymmetric
from backend.ml.metrics import _log_loss

MAX_POINTS = 60  # iterations shown per curve
MAX_ROWS = 20_000  # latest training rows scored per point (bounded memory and time)
LINEAR_STEPS = (1, 3, 9)  # solver iterations refitted for the curve (~13 of the fit's cost)
CHUNK_ELEMENTS = 2_000_000  # per-tree values held at once (16 MB)


def _checkpoints(total: int, points: int = MAX_POINTS) -> np.ndarray:
    """Up to ``points`` iteration counts from 1 to ``total`` (log-spaced, both ends kept)."""
    if total <= points:
        return np.arange(1, total + 1)
    return np.unique(np.geomspace(1, total, points).round().astype(np.int64))


def _per_tree(est: Any, X: np.ndarray) -> tuple[np.ndarray, float, float] | None:
    """(n, T) per-tree raw contributions, the scale and the constant; None if not trees."""
    forest = getattr(est, "forest_", None)
    if forest is not None:  # CatBoost as oblivious trees
        trees = np.arange(len(forest.values))
        return forest.values[trees, forest.leaves(X)], float(forest.scale), float(forest.bias)
    if hasattr(est, "value_") and hasattr(est, "_walk"):  # histogram boosting
        return est.value_[est._walk(X, None)], 1.0, float(est.baseline_)
    return None


def _staged(est: Estimator, X: np.ndarray, steps: np.ndarray) -> np.ndarray | None:
    """(len(steps), n) decision after each number of trees in ``steps``."""
    if isinstance(est, SideSymmetric):
        X = est._input(X)
        pos, neg = _staged(est.inner, X, steps), _staged(est.inner, -X, steps)
        if pos is None or neg is None:
            return None
        return (pos - neg) / 2.0 + est.side_
    if _per_tree(est, X[:1]) is None:
        return None
    out = np.empty((len(steps), len(X)), dtype=np.float64)
    rows = max(1, CHUNK_ELEMENTS // max(1, int(steps[-1])))
    for start in range(0, len(X), rows):  # (rows, trees) at a time: bounded memory
        parts = _per_tree(est, X[start : start + rows])
        assert parts is not None
        per_tree, scale, constant = parts
        cumulative = np.cumsum(per_tree, axis=1)
        out[:, start : start + rows] = scale * cumulative[:, steps - 1].T + constant
    return out


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def _tree_curve(
    est: Estimator, X_train: np.ndarray, y_train: np.ndarray, X_hold: np.ndarray, y_hold: np.ndarray
) -> dict[str, Any] | None:
    inner = est.inner if isinstance(est, SideSymmetric) else est
    parts = _per_tree(inner, X_hold[:1])
    if parts is None:
        return None
    steps = _checkpoints(parts[0].shape[1])
    X_train, y_train = X_train[-MAX_ROWS:], y_train[-MAX_ROWS:]
    train = _staged(est, X_train, steps)
    hold = _staged(est, X_hold, steps)
    assert train is not None and hold is not None
    return {
        "unit": "trees",
        "iterations": steps.tolist(),
        "train_log_loss": [_log_loss(y_train, _sigmoid(z)) for z in train],
        "holdout_log_loss": [_log_loss(y_hold, _sigmoid(z)) for z in hold],
        "n_train_scored": len(y_train),
        "n_holdout": len(y_hold),
    }


def _linear_curve(
    est: LinearEstimator,
    X_train: np.ndarray,
    y_train: np.ndarray,
    X_hold: np.ndarray,
    y_hold: np.ndarray,
) -> dict[str, Any]:
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression

    n_iter = int(np.max(est.model_.n_iter_))
    # Early iterates only (each refit costs its k iterations), then the fitted model itself.
    steps = np.array([k for k in LINEAR_STEPS if k < n_iter] + [max(n_iter, 1)])
    Z_train, Z_hold = est._transform(X_train), est._transform(X_hold)
    train_loss, hold_loss = [], []
    for k in steps:
        if k == n_iter:
            model = est.model_
        else:
            model = LogisticRegression(C=est.C, max_iter=int(k))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                model.fit(Z_train, y_train)
        train_loss.append(
            _log_loss(y_train[-MAX_ROWS:], model.predict_proba(Z_train[-MAX_ROWS:])[:, 1])
        )
        hold_loss.append(_log_loss(y_hold, model.predict_proba(Z_hold)[:, 1]))
    return {
        "unit": "solver iterations",
        "iterations": steps.tolist(),
        "train_log_loss": train_loss,
        "holdout_log_loss": hold_loss,
        "n_train_scored": min(len(y_train), MAX_ROWS),
        "n_holdout": len(y_hold),
        "converged": n_iter < est.max_iter,
        "max_iter": est.max_iter,
    }


def training_curve(
    est: Estimator, X_train: np.ndarray, y_train: np.ndarray, X_hold: np.ndarray, y_hold: np.ndarray
) -> dict[str, Any] | None:
    """The curve of a model fitted on (X_train, y_train), scored on both parts; None when
    the model type has none or the holdout is empty."""
    if len(y_hold) == 0 or len(y_train) == 0:
        return None
    if isinstance(est, LinearEstimator):
        return _linear_curve(est, X_train, y_train, X_hold, y_hold)
    return _tree_curve(est, X_train, y_train, X_hold, y_hold)
