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
        numeric = X[:, self.numeric]  # one copy of the numeric columns for both statistics
        self.mean_ = numeric.mean(axis=0)
        std = numeric.std(axis=0)
        del numeric
        self.scale_ = np.where(std > 1e-12, std, 1.0)  # constant columns stay 0 after centring
        self.model_ = LogisticRegression(C=self.C, max_iter=self.max_iter)
        self.model_.fit(self._transform(X), y)
        self.coef_ = np.asarray(self.model_.coef_[0], dtype=np.float64)
        self.intercept_ = float(self.model_.intercept_[0])
        report(1, 1)

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        # A dot product: serving needs only the stored arrays, not scikit-learn's object.
        return np.asarray(self._transform(X) @ self.coef_ + self.intercept_, dtype=np.float64)

    def contributions(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        contrib = self._transform(X) * self.coef_
        return contrib, np.full(X.shape[0], self.intercept_)

    def to_state(self) -> dict[str, Any]:
        """Data-only state for the artifact (see backend/ml/artifacts.py)."""
        if not hasattr(self, "coef_"):  # fitted before coef_ was kept (old artifacts)
            self.coef_ = np.asarray(self.model_.coef_[0], dtype=np.float64)
            self.intercept_ = float(self.model_.intercept_[0])
        return {
            "numeric": self.numeric,
            "C": self.C,
            "pick_scale": self.pick_scale,
            "max_iter": self.max_iter,
            "mean": self.mean_,
            "scale": self.scale_,
            "coef": self.coef_,
            "intercept": self.intercept_,
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> LinearEstimator:
        """Inverse of to_state."""
        self = cls.__new__(cls)
        self.numeric = np.asarray(state["numeric"])
        self.C = float(state["C"])
        self.pick_scale = float(state["pick_scale"])
        self.max_iter = int(state["max_iter"])
        self.mean_ = np.asarray(state["mean"], dtype=np.float64)
        self.scale_ = np.asarray(state["scale"], dtype=np.float64)
        self.coef_ = np.asarray(state["coef"], dtype=np.float64)
        self.intercept_ = float(state["intercept"])
        return self


def fit_offset(raw: np.ndarray, y: np.ndarray, iterations: int = 50) -> float:
    """Constant c minimising the log-loss of sigmoid(raw + c) (Newton steps on one number)."""
    c = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(raw + c)))
        grad = float(np.sum(p - y))
        hess = float(np.sum(p * (1.0 - p)))
        if hess <= 1e-12:
            break
        step = grad / hess
        c -= step
        if abs(step) < 1e-12:
            break
    return c


class SideSymmetric:
    """A tree model made side-swap consistent: decision = (f(x) - f(-x)) / 2 + side constant.

    Every feature flips sign when the teams swap sides, so -x is the swapped draft and
    logit(p(A, B)) + logit(p(B, A)) is 2 * side (plus the calibration's intercept) for every
    draft, exactly. The inner model is fitted on both orientations (labels flipped), so it has
    no side advantage of its own; the side constant is fitted afterwards on the real
    orientation. Contributions are the odd part of the inner model's contributions.
    """

    def __init__(self, inner: Estimator) -> None:
        self.inner = inner
        self.side_ = 0.0

    @property
    def input_dtype(self) -> type:
        """The dtype the inner model reads (float32 for CatBoost), for the caller's matrices."""
        return getattr(self.inner, "input_dtype", np.float64)

    def _input(self, X: np.ndarray) -> np.ndarray:
        # An inner model that reads float32 anyway (CatBoost) gets float32: the same numbers
        # it would convert to itself, at half the memory of a float64 copy.
        return np.asarray(X, dtype=getattr(self.inner, "input_dtype", np.float64))

    def fit(self, X: np.ndarray, y: np.ndarray, report: FitReport) -> None:
        dtype = getattr(self.inner, "input_dtype", np.float64)
        both = np.empty((2 * len(X), X.shape[1]), dtype=dtype)
        both[: len(X)] = X
        np.negative(X, out=both[len(X) :], casting="same_kind")  # float32(-x) == -float32(x)
        self.inner.fit(both, np.concatenate([y, 1.0 - y]), report)
        del both
        self.side_ = fit_offset(self._odd(X), y)

    def _odd(self, X: np.ndarray) -> np.ndarray:
        X = self._input(X)
        return (self.inner.decision_function(X) - self.inner.decision_function(-X)) / 2.0

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        return self._odd(X) + self.side_

    def contributions(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        c_pos, b_pos = self.inner.contributions(X)
        c_neg, b_neg = self.inner.contributions(-X)
        return (c_pos - c_neg) / 2.0, (b_pos - b_neg) / 2.0 + self.side_

    def prepare_few_rows(self) -> None:
        """Let the inner model precompute what its few-row (serving) path needs, if anything."""
        prepare = getattr(self.inner, "prepare_few_rows", None)
        if prepare is not None:
            prepare()

    def to_state(self) -> dict[str, Any]:
        """Data-only state for the artifact: the inner model is stored by its own to_state."""
        return {"inner": self.inner, "side": self.side_}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> SideSymmetric:
        """Inverse of to_state."""
        self = cls(state["inner"])
        self.side_ = float(state["side"])
        return self
