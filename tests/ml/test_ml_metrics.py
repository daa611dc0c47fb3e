"""Metrics agree with scikit-learn and a hand-computed ECE; outputs are JSON-ready."""

from __future__ import annotations

import json

import numpy as np
from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score

from backend.ml.metrics import (
    calibration_bins,
    evaluation_curves,
    expected_calibration_error,
    holdout_metrics,
)

Y = np.array([1, 0, 1, 1, 0, 0, 1, 0, 1, 1], dtype=float)
P = np.array([0.95, 0.05, 0.62, 0.55, 0.45, 0.30, 0.85, 0.62, 0.15, 1.0])


def test_matches_sklearn() -> None:
    m = holdout_metrics(Y, P, train_rate=0.55, n_train=40, split="s")
    assert m["roc_auc"] == roc_auc_score(Y, P)
    assert abs(m["log_loss"] - log_loss(Y, np.clip(P, 1e-15, 1 - 1e-15))) < 1e-12
    assert abs(m["brier"] - brier_score_loss(Y, P)) < 1e-12
    assert m["accuracy"] == np.mean((P >= 0.5) == (Y == 1)) == 0.8
    assert m["n_train"] == 40 and m["n_holdout"] == 10 and m["split"] == "s"
    json.dumps(m)


def test_baseline_is_training_rate_and_majority() -> None:
    m = holdout_metrics(Y, P, train_rate=0.55, n_train=40, split="s")["baseline"]
    assert m["radiant_win_rate"] == 0.55 and m["roc_auc"] == 0.5
    assert m["accuracy"] == Y.mean()  # majority class = radiant
    assert abs(m["log_loss"] - log_loss(Y, np.full(10, 0.55))) < 1e-12
    assert abs(m["brier"] - np.mean((0.55 - Y) ** 2)) < 1e-12
    dire = holdout_metrics(Y, P, train_rate=0.4, n_train=40, split="s")["baseline"]
    assert dire["accuracy"] == 1 - Y.mean()


def test_ece_by_hand() -> None:
    # Bins (width 0.1): [0.0-0.1) 0.05->0 ; [0.1-0.2) 0.15->1 ; [0.3-0.4) 0.30->0 ;
    # [0.4-0.5) 0.45->0 ; [0.5-0.6) 0.55->1 ; [0.6-0.7) 0.62,0.62 -> 1,0 ;
    # [0.8-0.9) 0.85->1 ; [0.9-1.0] 0.95,1.0 -> 1,1
    gaps = [
        1 * abs(0.05 - 0),
        1 * abs(0.15 - 1),
        1 * abs(0.30 - 0),
        1 * abs(0.45 - 0),
        1 * abs(0.55 - 1),
        2 * abs(0.62 - 0.5),
        1 * abs(0.85 - 1),
        2 * abs(0.975 - 1),
    ]
    expected = sum(gaps) / 10
    assert abs(expected_calibration_error(Y, P) - expected) < 1e-12
    bins = calibration_bins(Y, P)
    assert len(bins) == 10 and sum(b["count"] for b in bins) == 10
    assert bins[9]["count"] == 2 and bins[9]["observed_rate"] == 1.0
    assert bins[2]["count"] == 0 and bins[2]["mean_predicted"] is None


def test_curves_are_downsampled_and_json() -> None:
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 5000).astype(float)
    p = np.clip(0.5 + 0.2 * (y - 0.5) + rng.normal(0, 0.2, 5000), 0, 1)
    curves = evaluation_curves(y, p)
    roc = curves["roc_curve"]
    assert 2 < len(roc["fpr"]) <= 101
    assert len(roc["fpr"]) == len(roc["tpr"]) == len(roc["thresholds"])
    assert roc["fpr"][0] == 0.0 and roc["fpr"][-1] == 1.0 and roc["tpr"][-1] == 1.0
    assert max(roc["thresholds"]) <= 1.0
    json.loads(json.dumps(curves, allow_nan=False))
