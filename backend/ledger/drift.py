"""Drift rules of the monitoring route (pure functions, fixed seed).

Performance drift of a window of scored predictions against the model's holdout log-loss L_h:
the window's mean log-loss L_w is bootstrapped (B resamples of its per-prediction losses, seed
0) and ``margin`` is L_w minus the 5th percentile of the resampled means, i.e. the one-sided
95 % margin. With ``lower = L_w - margin``:

* ``ok``       - lower <= L_h: the window is not significantly worse than the holdout;
* ``watch``    - L_h < lower <= L_h + DEGRADED_EXCESS: significantly worse, by a small amount;
* ``degraded`` - lower > L_h + DEGRADED_EXCESS: significantly worse by more than 0.05 nats
  (from a typical holdout of ~0.65 that is worse than a coin flip, 0.693);
* ``None``     - fewer than MIN_SCORED predictions, or no holdout log-loss to compare with.

Input drift: the population-stability index of hero pick shares, sum (r - t) ln(r / t) over
heroes with shares floored at PSI_FLOOR; < 0.1 stable, 0.1-0.25 moderate, > 0.25 major (the
usual reading; small recent samples inflate it, so it comes with its sample size).
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from backend.ml.metrics import EPS

Verdict = Literal["ok", "watch", "degraded"]
MIN_SCORED = 30
BOOTSTRAP_RESAMPLES = 1000
BOOTSTRAP_SEED = 0
DEGRADED_EXCESS = 0.05
PSI_FLOOR = 1e-4
PSI_MODERATE = 0.1
PSI_MAJOR = 0.25


def log_losses(y: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Per-prediction log-loss, clipped like backend.ml.metrics."""
    q = np.clip(p, EPS, 1 - EPS)
    return -(y * np.log(q) + (1 - y) * np.log(1 - q))


def bootstrap_margin(losses: np.ndarray) -> float:
    """One-sided 95 % margin of the mean: mean minus the 5th percentile of bootstrap means."""
    n = len(losses)
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    means = np.empty(BOOTSTRAP_RESAMPLES)
    step = max(1, 2_000_000 // max(n, 1))  # resamples per chunk: bounded memory for big windows
    for start in range(0, BOOTSTRAP_RESAMPLES, step):
        stop = min(start + step, BOOTSTRAP_RESAMPLES)
        means[start:stop] = losses[rng.integers(0, n, size=(stop - start, n))].mean(axis=1)
    return float(losses.mean() - np.percentile(means, 5))


def drift_verdict(
    losses: np.ndarray, holdout_log_loss: float | None
) -> tuple[Verdict | None, float | None]:
    """The verdict and the bootstrap margin of a window's per-prediction log-losses."""
    if len(losses) < MIN_SCORED:
        return None, None
    margin = bootstrap_margin(losses)
    if holdout_log_loss is None:
        return None, margin
    lower = float(losses.mean()) - margin
    if lower <= holdout_log_loss:
        return "ok", margin
    if lower <= holdout_log_loss + DEGRADED_EXCESS:
        return "watch", margin
    return "degraded", margin


def hero_pick_psi(training: dict[int, float], recent: dict[int, float]) -> float | None:
    """PSI between two hero pick-count tables (None when either is empty)."""
    t_total, r_total = sum(training.values()), sum(recent.values())
    if t_total <= 0 or r_total <= 0:
        return None
    heroes = sorted(set(training) | set(recent))
    t = np.maximum(np.array([training.get(h, 0.0) for h in heroes]) / t_total, PSI_FLOOR)
    r = np.maximum(np.array([recent.get(h, 0.0) for h in heroes]) / r_total, PSI_FLOOR)
    return float(np.sum((r - t) * np.log(r / t)))


def psi_level(psi: float | None) -> Literal["stable", "moderate", "major"] | None:
    """The usual reading of a PSI value."""
    if psi is None:
        return None
    if psi < PSI_MODERATE:
        return "stable"
    return "moderate" if psi <= PSI_MAJOR else "major"
