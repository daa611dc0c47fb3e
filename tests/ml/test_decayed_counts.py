"""Decayed counts (hero statistics) equal their definition: each earlier game weighs 2^(-age/h)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from backend.ml.counts import decay_rate, prior_counts


def _by_definition(
    keys: np.ndarray, wins: np.ndarray, days: np.ndarray, half_life: float
) -> tuple[np.ndarray, np.ndarray, dict[int, tuple[float, float]]]:
    """Row by row: sum over strictly earlier rows of the same key, weighted by age."""
    n, k = keys.shape
    games, won = np.zeros((n, k)), np.zeros((n, k))
    for r in range(n):
        for c in range(k):
            key = keys[r, c]
            if key < 0:
                continue
            for e in range(r):
                for c2 in range(k):
                    if keys[e, c2] == key:
                        weight = 2.0 ** (-(days[r] - days[e]) / half_life)
                        games[r, c] += weight
                        won[r, c] += weight * wins[e, c2]
    totals: dict[int, tuple[float, float]] = {}
    for key in np.unique(keys[keys >= 0]):
        rows, cols = np.nonzero(keys == key)
        weight = 2.0 ** (-(days[-1] - days[rows]) / half_life)
        totals[int(key)] = (float(weight.sum()), float((weight * wins[rows, cols]).sum()))
    return games, won, totals


@pytest.mark.parametrize("half_life", [0.5, 7.0, 30.0])
def test_decayed_counts_follow_the_definition(half_life: float) -> None:
    rng = np.random.default_rng(5)
    n = 120
    keys = rng.integers(-1, 12, (n, 3))  # a few keys, some rows without one (-1)
    for row in keys:  # a key at most once per row, as every statistic has it
        seen: set[int] = set()
        for c, key in enumerate(row):
            if key in seen:
                row[c] = -1
            seen.add(int(key))
    wins = rng.integers(0, 2, (n, 3)).astype(float)
    days = np.sort(rng.uniform(0, 40, n))
    days[10:14] = days[10]  # several matches on the same day weigh 1 for each other
    games, won, table = prior_counts(keys, wins, days, decay_rate(half_life))
    want_games, want_won, totals = _by_definition(keys, wins, days, half_life)
    np.testing.assert_allclose(games, want_games, rtol=1e-12, atol=1e-13)
    np.testing.assert_allclose(won, want_won, rtol=1e-12, atol=1e-13)
    assert sorted(totals) == table.keys.tolist()
    np.testing.assert_allclose(table.games, [totals[k][0] for k in table.keys], rtol=1e-12)
    np.testing.assert_allclose(table.wins, [totals[k][1] for k in table.keys], rtol=1e-12)


def test_decay_off_gives_the_plain_integer_counts() -> None:
    rng = np.random.default_rng(6)
    keys = rng.integers(0, 5, (50, 1))
    wins = rng.integers(0, 2, (50, 1)).astype(float)
    days = np.arange(50.0)
    plain = prior_counts(keys, wins)
    off = prior_counts(keys, wins, days, decay_rate(0.0))
    np.testing.assert_array_equal(plain[0], off[0])
    assert decay_rate(0.0) == 0.0 and decay_rate(30.0) == pytest.approx(math.log(2) / 30)


def test_a_key_spanning_years_keeps_its_recent_games_accurate() -> None:
    """Weights relative to the key's own last game: no cancellation against other keys' sums."""
    n = 2000
    keys = np.zeros((n, 1), dtype=np.int64)
    keys[: n // 2] = 1  # a busy key in the first half, key 0 only in the second
    keys[n // 2 :] = 0
    keys[0, 0] = 0  # key 0 also had one game ten years ago
    days = np.linspace(0, 3650, n)
    wins = np.ones((n, 1))
    games, _, table = prior_counts(keys, wins, days, decay_rate(30.0))
    row = n // 2  # key 0's second game: its only earlier game is ~5 years older
    want = 2.0 ** (-(days[row] - days[0]) / 30.0)
    assert games[row, 0] == pytest.approx(want, rel=1e-9)
    assert table.games[0] == pytest.approx(
        sum(2.0 ** (-(days[-1] - d) / 30) for d in np.r_[days[0], days[row:]]), rel=1e-12
    )
