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
heroes with shares floored at PSI_FLOOR. Sampling alone inflates it (about (K - 1) / N for K
heroes and N recent picks), so it is read against its null distribution at this sample size:
PSI_NULL_DRAWS pairs of pick tables drawn from the training shares with the recent and the
training totals (seed 0), and their PSI_NULL_QUANTILE quantile. A PSI at or below that (or
below 0.1) is ``stable``; above it the usual reading applies: <= 0.25 ``moderate``, else
``major``. (Drawing picks independently overstates the noise of drafts, whose ten heroes are
distinct, so the threshold errs towards "stable".)
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
PSI_NULL_DRAWS = 200
PSI_NULL_QUANTILE = 0.99
PSI_NULL_SEED = 0


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


def _psi(t: np.ndarray, r: np.ndarray) -> np.ndarray:
    """PSI of share tables along the last axis (shares floored at PSI_FLOOR)."""
    t, r = np.maximum(t, PSI_FLOOR), np.maximum(r, PSI_FLOOR)
    return np.asarray(np.sum((r - t) * np.log(r / t), axis=-1))


def hero_pick_psi(training: dict[int, float], recent: dict[int, float]) -> float | None:
    """PSI between two hero pick-count tables (None when either is empty)."""
    t_total, r_total = sum(training.values()), sum(recent.values())
    if t_total <= 0 or r_total <= 0:
        return None
    heroes = sorted(set(training) | set(recent))
    t = np.array([training.get(h, 0.0) for h in heroes]) / t_total
    r = np.array([recent.get(h, 0.0) for h in heroes]) / r_total
    return float(_psi(t, r))


def psi_noise(training: dict[int, float], recent_picks: int) -> float | None:
    """The PSI that sampling alone exceeds with 1 % chance when `recent_picks` picks come from
    the training shares (the training table redrawn at its own total too); None without data."""
    t_total = sum(training.values())
    if t_total <= 0 or recent_picks <= 0:
        return None
    shares = np.array([training[h] for h in sorted(training)]) / t_total
    rng = np.random.default_rng(PSI_NULL_SEED)
    recent = rng.multinomial(recent_picks, shares, size=PSI_NULL_DRAWS) / recent_picks
    total = max(1, round(t_total))
    redrawn = rng.multinomial(total, shares, size=PSI_NULL_DRAWS) / total
    return float(np.quantile(_psi(redrawn, recent), PSI_NULL_QUANTILE))


def psi_level(
    psi: float | None, noise: float | None = None
) -> Literal["stable", "moderate", "major"] | None:
    """Stable unless the PSI is beyond sampling noise (psi_noise) and >= 0.1; then the usual
    reading."""
    if psi is None:
        return None
    if psi < PSI_MODERATE or (noise is not None and psi <= noise):
        return "stable"
    return "moderate" if psi <= PSI_MAJOR else "major"
