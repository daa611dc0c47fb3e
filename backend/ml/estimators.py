"""Model wrappers with one interface: fit, raw log-odds, and additive per-feature contributions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import numpy as np

# report(done, total): iterations (or stages) finished so far.
FitReport = Callable[[int, int], None]


class Estimator(Protocol):
    """What training and serving need from a model."""

    def fit(self, X: np.ndarray, y: np.ndarray, report: FitReport) -> None: ...

    def decision_function(self, X: np.ndarray) -> np.ndarray: ...

    def contributions(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(n, f) contributions and (n,) base; contributions.sum(1) + base == decision."""
        ...


class LinearEstimator:
    """L2 logistic regression; numeric columns standardised, hero picks scaled for their own C.

    Multiplying a column by s turns its effective inverse regularisation into C * s**2, so
    scaling the picks by sqrt(hero_pick_C / C) gives them their own regularisation strength.
    """

    def __init__(self, numeric: np.ndarray, C: float, hero_pick_C: float, max_iter: int) -> None:
        self.numeric = numeric
        self.C = C
        self.pick_scale = float(np.sqrt(hero_pick_C / C))
        self.max_iter = max_iter

    def _transform(self, X: np.ndarray) -> np.ndarray:
        Z = X * self.pick_scale
        Z[:, self.numeric] = (X[:, self.numeric] - self.mean_) / self.scale_
        return Z

    def fit(self, X: np.ndarray, y: np.ndarray, report: FitReport) -> None:
        from sklearn.linear_model import LogisticRegression

        report(0, 1)
        self.mean_ = X[:, self.numeric].mean(axis=0)
        std = X[:, self.numeric].std(axis=0)
        self.scale_ = np.where(std > 1e-12, std, 1.0)  # constant columns stay 0 after centring
        self.model_ = LogisticRegression(C=self.C, max_iter=self.max_iter)
        self.model_.fit(self._transform(X), y)
        report(1, 1)

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        # What sklearn's decision_function computes, without its per-call input checks (which
        # cost more than the model itself for one draft).
        coef, intercept = self.model_.coef_[0], float(self.model_.intercept_[0])
        return np.asarray(self._transform(X) @ coef + intercept, dtype=np.float64)

    def contributions(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        contrib = self._transform(X) * self.model_.coef_[0]
        return contrib, np.full(X.shape[0], float(self.model_.intercept_[0]))


def make_estimator(model_type: str, hp: dict[str, Any], numeric: np.ndarray) -> Estimator:
    """Build an unfitted estimator from validated hyperparameters."""
    from backend.ml.catboost_estimator import CatBoostEstimator
    from backend.ml.hist_boosting import HistGradientBoostingEstimator

    seed = int(hp["random_seed"])
    if model_type == "logistic_regression":
        return LinearEstimator(numeric, hp["C"], hp["hero_pick_C"], hp["max_iter"])
    if model_type == "catboost":
        return CatBoostEstimator(
            hp["iterations"], hp["depth"], hp["learning_rate"], hp["l2_leaf_reg"], seed
        )
    if model_type == "hist_gradient_boosting":
        return HistGradientBoostingEstimator(
            hp["max_iter"],
            hp["learning_rate"],
            hp["max_depth"],
            hp["max_leaf_nodes"],
            hp["min_samples_leaf"],
            hp["l2_regularization"],
            seed,
        )
    raise ValueError(f"unknown model type {model_type!r}")
