"""Paired bootstrap of the difference between two models scored on the same matches."""

from __future__ import annotations

from typing import Any

import numpy as np

from backend.ml.metrics import EPS

N_RESAMPLES = 1000
SEED = 20261127
CONFIDENCE = 0.95
# Resample weights are built in chunks of about this many cells, so memory stays bounded.
CHUNK_CELLS = 4_000_000


def _losses(y: np.ndarray, p: np.ndarray) -> np.ndarray:
    q = np.clip(p, EPS, 1 - EPS)
    return -(y * np.log(q) + (1 - y) * np.log(1 - q))


def _resample_weights(rng: np.random.Generator, n: int, b: int) -> np.ndarray:
    """(b, n) multiplicities of each match in b resamples with replacement (float32, exact)."""
    # Row by row: one bincount over n bins stays in cache, one over b * n bins does not.
    return np.stack(
        [np.bincount(rng.integers(0, n, size=n), minlength=n) for _ in range(b)]
    ).astype(np.float32)


class _WeightedAuc:
    """ROC AUC of one score under many weight vectors at once (ties count one half)."""

    def __init__(self, y: np.ndarray, p: np.ndarray) -> None:
        self.order = np.argsort(p, kind="stable")
        sorted_p = p[self.order]
        new_group = np.r_[True, sorted_p[1:] != sorted_p[:-1]]
        starts = np.flatnonzero(new_group)
        ends = np.r_[starts[1:], len(sorted_p)]
        group = np.cumsum(new_group) - 1
        positive = y[self.order] == 1
        self.pos_index = np.flatnonzero(positive)
        # For each positive: where its tie group starts and ends in sorted order.
        self.pos_start = starts[group[self.pos_index]]
        self.pos_end = ends[group[self.pos_index]]
        self.neg_mask = (~positive).astype(np.float32)

    def __call__(self, weights: np.ndarray) -> np.ndarray:
        w = weights[:, self.order]
        # Exclusive prefix sums of negative weight; integer counts below 2**24, so float32 is exact.
        prefix = np.zeros((w.shape[0], w.shape[1] + 1), dtype=np.float32)
        np.cumsum(w * self.neg_mask, axis=1, out=prefix[:, 1:])
        below = prefix[:, self.pos_start]
        tied = prefix[:, self.pos_end] - below
        wp = w[:, self.pos_index]
        wins = np.einsum("ij,ij->i", wp, below + 0.5 * tied, dtype=np.float64)
        total = wp.sum(1, dtype=np.float64) * prefix[:, -1].astype(np.float64)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(total > 0, wins / total, np.nan)


def _interval(values: np.ndarray) -> list[float] | None:
    values = values[np.isfinite(values)]
    if len(values) == 0:
        return None
    tail = (1 - CONFIDENCE) / 2 * 100
    low, high = np.percentile(values, [tail, 100 - tail])
    return [float(low), float(high)]


def paired_comparison(
    y: np.ndarray,
    p_reference: np.ndarray,
    p_candidate: np.ndarray,
    n_resamples: int = N_RESAMPLES,
    seed: int = SEED,
) -> dict[str, Any]:
    """Candidate minus reference: log-loss and ROC AUC differences with 95 % bootstrap CIs.

    Both models are scored on the same resampled matches (paired), percentile intervals,
    a fixed seed so the same inputs always give the same interval. A negative log-loss
    difference and a positive AUC difference favour the candidate.
    """
    y = np.asarray(y, dtype=np.float64)
    n = len(y)
    loss_diff = _losses(y, p_candidate) - _losses(y, p_reference)
    two_classes = n > 0 and y.min() != y.max()
    auc_ref, auc_cand = _WeightedAuc(y, p_reference), _WeightedAuc(y, p_candidate)
    ones = np.ones((1, n))
    rng = np.random.default_rng(seed)
    loss_samples: list[np.ndarray] = []
    auc_samples: list[np.ndarray] = []
    chunk = max(1, CHUNK_CELLS // max(n, 1))
    for start in range(0, n_resamples, chunk):
        w = _resample_weights(rng, n, min(chunk, n_resamples - start))
        loss_samples.append(w.astype(np.float64) @ loss_diff / n)
        if two_classes:
            auc_samples.append(auc_cand(w) - auc_ref(w))
    auc_diff = float(auc_cand(ones)[0] - auc_ref(ones)[0]) if two_classes else None
    return {
        "log_loss_diff": float(loss_diff.mean()) if n else 0.0,
        "log_loss_ci": _interval(np.concatenate(loss_samples)) if n else None,
        "roc_auc_diff": auc_diff,
        "roc_auc_ci": _interval(np.concatenate(auc_samples)) if auc_samples else None,
        "n_resamples": n_resamples,
        "seed": seed,
        "confidence": CONFIDENCE,
    }
