"""CatBoost estimator with iteration progress and exact SHAP contributions.

CatBoost itself runs only where the model is trained (the training child process). The model is
stored and served as its oblivious trees in numpy (``ObliviousForest``, which computes CatBoost's
raw scores and SHAP values exactly), so no stored bytes ever reach CatBoost's native loader:
a damaged or hostile artifact is refused by ``ObliviousForest.from_state``'s checks instead of
crashing the process that loads it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from backend.ml.artifacts import ArtifactError
from backend.ml.estimators import FitReport
from backend.ml.oblivious_forest import MAX_DEPTH, ObliviousForest

# Above this many rows, SHAP values in the training child come from CatBoost itself (the
# feature importances of thousands of rows); served requests explain one draft.
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
        subsample: float = 1.0,
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
            # 64 borders per feature instead of 254: our columns are smooth statistics and
            # +-1 picks; on the inner splits as good, and each tree's histograms cost less.
            "border_count": 64,
        }
        if subsample < 1.0:  # each tree on a random share of the rows (1M matches in 10 min)
            self.params["bootstrap_type"] = "Bernoulli"
            self.params["subsample"] = subsample
        if task_type == "GPU":  # CPU stays CatBoost's default: the same params as before
            self.params["task_type"] = "GPU"

    def fit(self, X: np.ndarray, y: np.ndarray, report: FitReport) -> None:
        from catboost import CatBoostClassifier

        total = int(self.params["iterations"])
        report(0, total)
        self.model_ = CatBoostClassifier(**self.params)
        self.model_.fit(X, y.astype(int), callbacks=[_CatBoostProgress(report, total)])
        forest = ObliviousForest.from_catboost(self.model_)
        if forest is None:  # cannot happen for our float-feature Logloss models; say so if it does
            raise ValueError("CatBoost built a model the service cannot store as oblivious trees")
        self.forest_ = forest
        report(total, total)

    def forest(self) -> ObliviousForest:
        """The trees as arrays: what every prediction and explanation is computed from."""
        return self.forest_

    def prepare_few_rows(self) -> None:
        """Build the SHAP table now (a model load), not on a first request."""
        if self.forest_.depth <= MAX_DEPTH:
            self.forest_.shap_table()

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        return self.forest_.raw(X)

    def contributions(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        model = getattr(self, "model_", None)  # only in the training child
        if model is not None and len(X) > FEW_ROWS:
            from catboost import Pool

            shap = np.asarray(model.get_feature_importance(Pool(X), type="ShapValues"))
            return shap[:, :-1], shap[:, -1]
        return self.forest_.shap(X)

    def to_state(self) -> dict[str, Any]:
        """Data-only state: the parameters and the trees as arrays (no CatBoost format)."""
        return {"params": self.params, "forest": self.forest_}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> CatBoostEstimator:
        """Inverse of to_state; never calls CatBoost (see the module docstring)."""
        if not isinstance(state, dict) or not isinstance(state.get("params"), dict):
            raise ArtifactError("the CatBoost model's stored state is damaged")
        forest = state.get("forest")
        if forest is None and "cbm" in state:
            raise ArtifactError(
                "the CatBoost model is stored in CatBoost's own format, which the service no "
                "longer loads; run the database migrations (revision 0013 converts it) or retrain"
            )
        if not isinstance(forest, ObliviousForest):
            raise ArtifactError("the CatBoost model's stored trees are missing")
        self = cls.__new__(cls)
        self.params = dict(state["params"])
        self.forest_ = forest
        return self
