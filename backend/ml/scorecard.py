"""Scores of predictions beside their baselines, with bootstrap intervals where asked.

Every metric table of the service (evaluate, backtest, monitoring) shows a model next to what
needs no model at all: the coin flip (p = 0.5), the training base rate (p = the share of Radiant
wins the model was trained on) and, when the file carries one, the market (a bookmaker's implied
probability, scored like a model on the same rows).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from backend.ml.metrics import EPS, N_BINS, _bin_index, expected_calibration_error
from backend.ml.metrics import prediction_scores as _prediction_scores
from backend.ml.paired import (
    CHUNK_CELLS,
    CONFIDENCE,
    N_RESAMPLES,
    SEED,
    _interval,
    _resample_weights,
    _WeightedAuc,
)

METRICS = ("accuracy", "roc_auc", "log_loss", "brier", "ece")


def scores(y: np.ndarray, p: np.ndarray) -> dict[str, float | None]:
    """Accuracy, ROC AUC, log-loss, Brier and ECE of predictions (empty: all None)."""
    if len(y) == 0:
        return dict.fromkeys(METRICS)
    return {**_prediction_scores(y, p), "ece": expected_calibration_error(y, p)}


def baselines(
    y: np.ndarray, base_rate: float | None, market: np.ndarray | None = None
) -> dict[str, dict[str, float | None]]:
    """The coin flip, the training base rate and (when given) the market on the same rows."""
    out = {"coin_flip": scores(y, np.full(len(y), 0.5))}
    if base_rate is not None:
        out["training_base_rate"] = scores(y, np.full(len(y), float(base_rate)))
    if market is not None:
        out["market"] = scores(y, market)
    return out


def intervals(
    y: np.ndarray, p: np.ndarray, n_resamples: int = N_RESAMPLES, seed: int = SEED
) -> dict[str, list[float] | None]:
    """95 % percentile bootstrap intervals of each metric (resampling matches, fixed seed)."""
    y = np.asarray(y, dtype=np.float64)
    n = len(y)
    if n == 0:
        return dict.fromkeys(METRICS)
    q = np.clip(p, EPS, 1 - EPS)
    loss = -(y * np.log(q) + (1 - y) * np.log(1 - q))
    hit = ((p >= 0.5) == (y == 1)).astype(np.float64)
    sq = (p - y) ** 2
    onehot = np.zeros((n, N_BINS))
    onehot[np.arange(n), _bin_index(p)] = 1.0
    two_classes = y.min() != y.max()
    auc = _WeightedAuc(y, p) if two_classes else None
    rng = np.random.default_rng(seed)
    samples: dict[str, list[np.ndarray]] = {m: [] for m in METRICS}
    chunk = max(1, CHUNK_CELLS // max(n, 1))
    for start in range(0, n_resamples, chunk):
        w32 = _resample_weights(rng, n, min(chunk, n_resamples - start))
        w = w32.astype(np.float64)
        samples["log_loss"].append(w @ loss / n)
        samples["accuracy"].append(w @ hit / n)
        samples["brier"].append(w @ sq / n)
        counts = w @ onehot
        gap = np.abs(w @ (onehot * p[:, None]) - w @ (onehot * y[:, None]))
        samples["ece"].append(gap.sum(axis=1) / np.maximum(counts.sum(axis=1), 1))
        if auc is not None:
            samples["roc_auc"].append(auc(w32))
    return {m: _interval(np.concatenate(v)) if v else None for m, v in samples.items()}


def interval_meta(n_resamples: int = N_RESAMPLES, seed: int = SEED) -> dict[str, Any]:
    """How the intervals were made (shown next to them)."""
    return {"n_resamples": n_resamples, "seed": seed, "confidence": CONFIDENCE}
