"""Drift rules: bootstrap margin, verdicts, PSI."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from backend.ledger import drift


def _losses(mean: float, n: int, seed: int = 1) -> np.ndarray:
    """Per-prediction log-losses of a well-spread model with the given mean."""
    rng = np.random.default_rng(seed)
    p = rng.uniform(0.3, 0.7, n)
    y = (rng.uniform(size=n) < p).astype(float)
    losses = drift.log_losses(y, p)
    return losses - losses.mean() + mean


def test_the_margin_is_reproducible_and_close_to_the_normal_one() -> None:
    losses = _losses(0.66, 400)
    margin = drift.bootstrap_margin(losses)
    assert margin == drift.bootstrap_margin(losses)  # fixed seed
    normal = 1.645 * losses.std() / np.sqrt(len(losses))
    assert margin == pytest.approx(normal, rel=0.15)


def test_verdicts() -> None:
    holdout = 0.66
    assert drift.drift_verdict(_losses(0.66, 20), holdout) == (None, None)
    assert drift.drift_verdict(_losses(0.64, 500), holdout)[0] == "ok"
    assert drift.drift_verdict(_losses(0.665, 500), holdout)[0] == "ok"  # within the noise
    assert drift.drift_verdict(_losses(0.71, 500), holdout)[0] == "watch"
    assert drift.drift_verdict(_losses(0.85, 100), holdout)[0] == "degraded"
    verdict, margin = drift.drift_verdict(_losses(0.7, 100), None)
    assert verdict is None and margin is not None and margin > 0


def test_psi() -> None:
    training = {h: 100.0 for h in range(1, 11)}
    assert drift.hero_pick_psi(training, training) == pytest.approx(0.0)
    assert drift.hero_pick_psi(training, {}) is None
    shifted = {**training, 1: 400.0, 2: 10.0}
    psi = drift.hero_pick_psi(training, shifted)
    assert psi is not None and psi > 0.1
    assert drift.psi_level(0.05) == "stable" and drift.psi_level(0.2) == "moderate"
    assert drift.psi_level(0.3) == "major" and drift.psi_level(None) is None
    # A hero never picked in training counts with the floor share, not as infinity.
    assert np.isfinite(drift.hero_pick_psi(training, {**training, 99: 50.0}) or 0.0)


def _pick_counts(frame: pl.DataFrame) -> dict[int, float]:
    columns = [f"{side}_hero_{i}" for side in ("radiant", "dire") for i in range(1, 6)]
    heroes = pl.concat([frame[c] for c in columns]).value_counts()
    return {int(h): float(n) for h, n in heroes.iter_rows()}


@pytest.mark.parametrize("n_matches", [30, 300, 1000])
def test_psi_of_the_same_drafts_stays_within_its_noise(
    real_matches: pl.DataFrame, n_matches: int
) -> None:
    """Recent drafts drawn from the training drafts themselves are never drift, at any n."""
    training = _pick_counts(real_matches)
    rng = np.random.default_rng(n_matches)
    for _ in range(5):
        rows = rng.choice(real_matches.height, size=n_matches, replace=False)
        recent = _pick_counts(real_matches[rows.tolist()])
        psi = drift.hero_pick_psi(training, recent)
        noise = drift.psi_noise(training, 10 * n_matches)
        assert psi is not None and noise is not None
        assert drift.psi_level(psi, noise) == "stable", (n_matches, psi, noise)
    if n_matches == 30:
        assert (
            noise is not None and noise > drift.PSI_MAJOR
        )  # the fixed 0.25 would have called noise "major"


def test_psi_beyond_its_noise_is_drift(real_matches: pl.DataFrame) -> None:
    """1,000 drafts of only the 40 most picked heroes: far beyond noise, major."""
    training = _pick_counts(real_matches)
    top = sorted(training, key=training.__getitem__, reverse=True)[:40]
    recent = {h: 250.0 for h in top}  # 10,000 picks
    psi, noise = drift.hero_pick_psi(training, recent), drift.psi_noise(training, 10_000)
    assert psi is not None and noise is not None and psi > noise
    assert drift.psi_level(psi, noise) == "major"
    assert noise < 0.05  # at 1,000 drafts sampling noise is small
