"""Holdout metrics, majority-class baseline, ROC curve and calibration bins (JSON-ready)."""

from __future__ import annotations

from typing import Any

import numpy as np

N_BINS = 10
MAX_ROC_POINTS = 101
EPS = 1e-15


def _bin_index(p: np.ndarray, n_bins: int = N_BINS) -> np.ndarray:
    """Equal-width bins over [0, 1]; p == 1 falls into the last bin."""
    return np.minimum((np.asarray(p) * n_bins).astype(np.int64), n_bins - 1)


def expected_calibration_error(y: np.ndarray, p: np.ndarray, n_bins: int = N_BINS) -> float:
    """ECE: count-weighted mean |mean predicted - observed rate| over equal-width bins."""
    bins = _bin_index(p, n_bins)
    total = 0.0
    for b in range(n_bins):
        mask = bins == b
        if mask.any():
            total += mask.sum() / len(p) * abs(float(p[mask].mean()) - float(y[mask].mean()))
    return float(total)


def _log_loss(y: np.ndarray, p: np.ndarray) -> float:
    q = np.clip(p, EPS, 1 - EPS)
    return float(-np.mean(y * np.log(q) + (1 - y) * np.log(1 - q)))


def _auc(y: np.ndarray, p: np.ndarray) -> float | None:
    from sklearn.metrics import roc_auc_score

    if y.min() == y.max():
        return None  # undefined with one class
    return float(roc_auc_score(y, p))


def prediction_scores(y: np.ndarray, p: np.ndarray) -> dict[str, float | None]:
    """Accuracy at 0.5, ROC AUC (None with one class), log-loss and Brier of predictions."""
    return {
        "accuracy": float(np.mean((p >= 0.5) == (y == 1))),
        "roc_auc": _auc(y, p),
        "log_loss": _log_loss(y, p),
        "brier": float(np.mean((p - y) ** 2)),
    }


def holdout_metrics(
    y: np.ndarray, p: np.ndarray, train_rate: float, n_train: int, split: str
) -> dict[str, Any]:
    """Metrics of holdout predictions plus the majority-class baseline from the training part."""
    base_p = np.full(len(y), train_rate)
    majority = 1.0 if train_rate >= 0.5 else 0.0
    return {
        **prediction_scores(y, p),
        "ece": expected_calibration_error(y, p),
        "baseline": {
            "accuracy": float(np.mean(y == majority)),
            "log_loss": _log_loss(y, base_p),
            "brier": float(np.mean((base_p - y) ** 2)),
            "roc_auc": 0.5,
            "radiant_win_rate": float(train_rate),
        },
        "coin_flip": {
            "accuracy": float(np.mean(y == 1)),  # p = 0.5 reads as a Radiant pick at 0.5
            "log_loss": _log_loss(y, np.full(len(y), 0.5)),
            "brier": 0.25,
            "roc_auc": 0.5,
            "radiant_win_rate": 0.5,  # the constant it predicts
        },
        "n_train": int(n_train),
        "n_holdout": len(y),
        "split": split,
    }


def roc_points(y: np.ndarray, p: np.ndarray) -> dict[str, list[float]]:
    """ROC curve downsampled to at most MAX_ROC_POINTS points (first and last kept)."""
    from sklearn.metrics import roc_curve

    if len(y) == 0 or y.min() == y.max():
        return {"fpr": [], "tpr": [], "thresholds": []}
    fpr, tpr, thr = roc_curve(y, p)
    if len(fpr) > MAX_ROC_POINTS:
        keep = np.unique(np.linspace(0, len(fpr) - 1, MAX_ROC_POINTS).round().astype(int))
        fpr, tpr, thr = fpr[keep], tpr[keep], thr[keep]
    # sklearn's first threshold is +inf, which JSON cannot carry; 1.0 has the same meaning.
    thr = np.minimum(thr, 1.0)
    return {"fpr": fpr.tolist(), "tpr": tpr.tolist(), "thresholds": thr.tolist()}


def calibration_bins(y: np.ndarray, p: np.ndarray) -> list[dict[str, Any]]:
    """Reliability table over N_BINS equal-width bins (empty bins have null means)."""
    bins = _bin_index(p)
    out = []
    for b in range(N_BINS):
        mask = bins == b
        count = int(mask.sum())
        out.append(
            {
                "lower": b / N_BINS,
                "upper": (b + 1) / N_BINS,
                "mean_predicted": float(p[mask].mean()) if count else None,
                "observed_rate": float(y[mask].mean()) if count else None,
                "count": count,
            }
        )
    return out


def evaluation_curves(y: np.ndarray, p: np.ndarray) -> dict[str, Any]:
    """ROC curve and calibration table of holdout predictions."""
    return {"roc_curve": roc_points(y, p), "calibration": {"bins": calibration_bins(y, p)}}
