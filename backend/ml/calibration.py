"""Probability calibration maps from raw log-odds, fitted on out-of-time predictions."""

from __future__ import annotations

from typing import Any

import numpy as np

# Isotonic steps can reach exactly 0 or 1, which would make log-loss infinite on a surprise.
PROBABILITY_FLOOR = 1e-3


def sigmoid(z: np.ndarray) -> np.ndarray:
    """Logistic function, numerically safe."""
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=np.float64))))


class _IsotonicMap:
    """A fitted isotonic map from its thresholds; the same as IsotonicRegression's predict
    with out_of_bounds="clip" (linear between thresholds, constant beyond them)."""

    def __init__(self, x: np.ndarray, y: np.ndarray) -> None:
        self.X_thresholds_ = np.asarray(x, dtype=np.float64)
        self.y_thresholds_ = np.asarray(y, dtype=np.float64)

    def predict(self, raw: np.ndarray) -> np.ndarray:
        return np.interp(np.asarray(raw, dtype=np.float64), self.X_thresholds_, self.y_thresholds_)


class Calibrator:
    """Maps raw log-odds to probabilities: identity-sigmoid, Platt scaling or isotonic."""

    def __init__(self, kind: str) -> None:
        if kind not in ("none", "sigmoid", "isotonic"):
            raise ValueError(f"unknown calibration {kind!r}")
        self.kind = kind
        self.slope = 1.0
        self.intercept = 0.0
        self.isotonic: Any = None

    def fit(self, raw: np.ndarray, y: np.ndarray) -> Calibrator:
        """Fit on raw log-odds of matches the model was not fitted on."""
        if self.kind == "sigmoid":
            from sklearn.linear_model import LogisticRegression

            # Nearly unregularised Platt scaling: two parameters on a ~20% tail.
            lr = LogisticRegression(C=1e4).fit(raw.reshape(-1, 1), y)
            self.slope = float(lr.coef_[0, 0])
            self.intercept = float(lr.intercept_[0])
            # A negative slope (tiny or signal-free tail) would invert the model's ranking;
            # slope 0 means "predict the tail's base rate", the honest answer in that case.
            if self.slope < 0:
                rate = float(np.clip(np.mean(y), PROBABILITY_FLOOR, 1 - PROBABILITY_FLOOR))
                self.slope, self.intercept = 0.0, float(np.log(rate / (1 - rate)))
        elif self.kind == "isotonic":
            from sklearn.isotonic import IsotonicRegression

            iso = IsotonicRegression(
                y_min=PROBABILITY_FLOOR, y_max=1 - PROBABILITY_FLOOR, out_of_bounds="clip"
            )
            self.isotonic = iso.fit(raw, y)
        return self

    def to_state(self) -> dict[str, Any]:
        """Data-only state; an isotonic map is kept as its thresholds."""
        state: dict[str, Any] = {
            "kind": self.kind,
            "slope": self.slope,
            "intercept": self.intercept,
        }
        if self.isotonic is not None:
            state["iso_x"] = np.asarray(self.isotonic.X_thresholds_, dtype=np.float64)
            state["iso_y"] = np.asarray(self.isotonic.y_thresholds_, dtype=np.float64)
        return state

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Calibrator:
        """Inverse of to_state."""
        self = cls(str(state["kind"]))
        self.slope = float(state["slope"])
        self.intercept = float(state["intercept"])
        if "iso_x" in state:
            self.isotonic = _IsotonicMap(state["iso_x"], state["iso_y"])
        return self

    def transform(self, raw: np.ndarray) -> np.ndarray:
        """Calibrated P(radiant wins)."""
        if self.isotonic is not None:
            return np.asarray(self.isotonic.predict(raw), dtype=np.float64)
        return sigmoid(self.slope * raw + self.intercept)
