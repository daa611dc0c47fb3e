"""CatBoost estimator with iteration progress and exact SHAP contributions."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from backend.ml.estimators import FitReport
from backend.ml.oblivious_forest import ObliviousForest

# Up to this many rows the trees are evaluated in numpy (ObliviousForest): CatBoost's own calls
# cost ~0.5 ms (predict) and ~10-20 ms (ShapValues) however few rows they get.
FEW_ROWS = 64


class _CatBoostProgress:
    """CatBoost user callback: forwards iteration counts, never stops training."""

    def __init__(self, report: FitReport, total: int) -> None:
        self.report = report
        self.total = total
        self.every = max(1, total // 50)

    def after_iteration(self, info: Any) -> bool:
        done = int(info.iteration)
        if done % self.every == 0 or done >= self.total:
            self.report(min(done, self.total), self.total)
        return True


class CatBoostEstimator:
    """CatBoost classifier; contributions are exact SHAP values (sum + expected = raw logit)."""

    # CatBoost converts features to float32 itself; given float32 it builds the same model
    # (checked bit for bit) without a float64 copy of the training matrix.
    input_dtype = np.float32

    def __init__(
        self,
        iterations: int,
        depth: int,
        learning_rate: float,
        l2_leaf_reg: float,
        seed: int,
        *,
        task_type: str = "CPU",
    ) -> None:
        self.params: dict[str, Any] = {
            "iterations": iterations,
            "depth": depth,
            "learning_rate": learning_rate,
            "l2_leaf_reg": l2_leaf_reg,
            "random_seed": seed,
            "loss_function": "Logloss",
            "verbose": False,
            # Never write catboost_info/ into the working directory of the service.
            "allow_writing_files": False,
        }
        if task_type == "GPU":  # CPU stays CatBoost's default: the same params as before
            self.params["task_type"] = "GPU"

    def fit(self, X: np.ndarray, y: np.ndarray, report: FitReport) -> None:
        from catboost import CatBoostClassifier

        total = int(self.params["iterations"])
        report(0, total)
        self.model_ = CatBoostClassifier(**self.params)
        self.model_.fit(X, y.astype(int), callbacks=[_CatBoostProgress(report, total)])
        report(total, total)

    def forest(self) -> ObliviousForest | None:
        """The trees as arrays (built on first use; None for a model they cannot represent)."""
        if not hasattr(self, "forest_"):
            self.forest_ = ObliviousForest.from_catboost(self.model_)
        return self.forest_

    def prepare_few_rows(self) -> None:
        """Build the forest and its SHAP table now (a model load), not on a first request."""
        forest = self.forest()
        if forest is not None:
            forest.shap_table()

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        forest = self.forest() if len(X) <= FEW_ROWS else None
        if forest is not None:
            return forest.raw(X)
        raw = self.model_.predict(X, prediction_type="RawFormulaVal")
        return np.asarray(raw, dtype=np.float64)

    def contributions(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        from catboost import Pool

        forest = self.forest() if len(X) <= FEW_ROWS else None
        if forest is not None:
            return forest.shap(X)
        shap = np.asarray(self.model_.get_feature_importance(Pool(X), type="ShapValues"))
        return shap[:, :-1], shap[:, -1]

    def to_state(self) -> dict[str, Any]:
        """Data-only state: the parameters and CatBoost's own model format (cbm bytes)."""
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "model.cbm"
            self.model_.save_model(str(path), format="cbm")
            blob = path.read_bytes()
        return {"params": self.params, "cbm": blob}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> CatBoostEstimator:
        """Inverse of to_state (CatBoost parses its own format; no pickle)."""
        from catboost import CatBoostClassifier

        self = cls.__new__(cls)
        self.params = dict(state["params"])
        self.model_ = CatBoostClassifier()
        self.model_.load_model(blob=bytes(state["cbm"]), format="cbm")
        return self
