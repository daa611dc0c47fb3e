"""The paired bootstrap: exact point differences, weighted AUC = scikit-learn's, fixed seed."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import log_loss, roc_auc_score

from backend.ml.paired import _WeightedAuc, paired_comparison


def _data(n: int = 2000) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(1)
    y = (rng.random(n) < 0.5).astype(float)
    good = np.clip(0.5 + 0.3 * (y - 0.5) + rng.normal(0, 0.2, n), 0.01, 0.99)
    bad = np.round(np.clip(0.5 + 0.05 * (y - 0.5) + rng.normal(0, 0.2, n), 0.01, 0.99), 2)
    return y, good, bad


def test_weighted_auc_matches_sklearn_with_ties_and_weights() -> None:
    y, good, bad = _data()
    rng = np.random.default_rng(2)
    weights = np.stack([np.bincount(rng.integers(0, len(y), len(y)), minlength=len(y))] * 1)
    for p in (good, bad):  # `bad` is rounded: many ties
        ours = _WeightedAuc(y, p)(weights.astype(np.float32))[0]
        assert abs(ours - roc_auc_score(y, p, sample_weight=weights[0])) < 1e-12
        assert (
            abs(_WeightedAuc(y, p)(np.ones((1, len(y)), np.float32))[0] - roc_auc_score(y, p))
            < 1e-12
        )


def test_paired_differences_intervals_and_seed() -> None:
    y, good, bad = _data()
    result = paired_comparison(y, good, bad, n_resamples=400)
    assert abs(result["log_loss_diff"] - (log_loss(y, bad) - log_loss(y, good))) < 1e-12
    auc_diff = roc_auc_score(y, bad) - roc_auc_score(y, good)
    assert abs(result["roc_auc_diff"] - auc_diff) < 1e-12
    low, high = result["log_loss_ci"]
    assert 0 < low <= result["log_loss_diff"] <= high  # bad is clearly worse
    low, high = result["roc_auc_ci"]
    assert low <= result["roc_auc_diff"] <= high < 0
    assert paired_comparison(y, good, bad, n_resamples=400) == result  # fixed seed
    same = paired_comparison(y, good, good, n_resamples=100)
    assert same["log_loss_diff"] == 0 and same["log_loss_ci"] == [0.0, 0.0]
    assert same["roc_auc_ci"] == [0.0, 0.0]


def test_one_class_has_no_auc_interval() -> None:
    y = np.ones(50)
    result = paired_comparison(y, np.full(50, 0.6), np.full(50, 0.7), n_resamples=50)
    assert result["roc_auc_diff"] is None and result["roc_auc_ci"] is None
    assert result["log_loss_diff"] < 0 and result["log_loss_ci"] is not None
