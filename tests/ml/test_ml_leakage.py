"""Features of a match depend only on earlier matches; unknown players get the prior."""

from __future__ import annotations

import numpy as np
import polars as pl
from ml_testdata import make_matches

from backend.ml.counts import prior_counts
from backend.ml.features import FeatureConfig, build_matrix
from backend.ml.frame import prepare_matches, to_arrays
from backend.ml.history import build_from_state, build_online
from backend.ml.ordering import holdout_size, match_days, time_order
from backend.ml.ratings import RatingConfig

CONFIG = FeatureConfig(use_player_features=True, use_hero_stats=True)
RATING = (RatingConfig(prior_var=0.16, drift_var=0.001, time_var=1e-3),)


def features(frame: pl.DataFrame) -> np.ndarray:
    """Walk-forward feature matrix of a frame (rows in time order)."""
    frame, key = time_order(prepare_matches(frame, require_label=True))
    pre, _ = build_online(to_arrays(frame), match_days(frame, key), RATING)
    X, _ = build_matrix(pre, CONFIG)
    return X


def test_appending_later_matches_changes_nothing() -> None:
    full = make_matches(240, seed=1)
    X_full = features(full)
    X_head = features(full.head(150))
    np.testing.assert_array_equal(X_head, X_full[:150])


def test_flipping_later_results_changes_nothing() -> None:
    full = make_matches(240, seed=2)
    flipped = full.with_columns(
        pl.when(pl.int_range(pl.len()) >= 150)
        .then(~pl.col("radiant_win"))
        .otherwise(pl.col("radiant_win"))
        .alias("radiant_win")
    )
    X, X_flipped = features(full), features(flipped)
    np.testing.assert_array_equal(X[:151], X_flipped[:151])  # row 150 sees only rows < 150
    assert not np.array_equal(X[151:], X_flipped[151:])


def test_own_result_is_not_used() -> None:
    full = make_matches(200, seed=3)
    flipped = full.with_columns(
        pl.when(pl.int_range(pl.len()) == 120)
        .then(~pl.col("radiant_win"))
        .otherwise(pl.col("radiant_win"))
        .alias("radiant_win")
    )
    np.testing.assert_array_equal(features(full)[:121], features(flipped)[:121])


def test_serving_state_equals_walk_forward_row() -> None:
    """Features from the final state of rows < t equal the walk-forward features of row t."""
    frame, _ = time_order(make_matches(200, seed=4, start_time=False))
    head = frame.head(170)
    # Serving measures inactivity up to the last training match, the walk-forward pass up to
    # the match itself; with no time drift both clocks give the same variances.
    static = (RatingConfig(prior_var=0.16, drift_var=0.001, time_var=0.0),)
    _, state = build_online(to_arrays(head), match_days(head, "match_id"), static)
    pre_online, _ = build_online(to_arrays(frame), match_days(frame, "match_id"), static)
    X_online, _ = build_matrix(pre_online, CONFIG)
    X_served, _ = build_matrix(build_from_state(to_arrays(frame[170:171]), state), CONFIG)
    np.testing.assert_allclose(X_served[0], X_online[170], rtol=0, atol=1e-12)


def test_unknown_and_unseen_players_get_the_prior() -> None:
    frame = make_matches(150, seed=5)
    arrays = to_arrays(prepare_matches(frame, require_label=True))
    _, state = build_online(arrays, np.arange(150.0), RATING)
    new = frame.head(2).with_columns(
        [pl.lit(None, dtype=pl.Int64).alias(f"radiant_account_id_{i}") for i in range(1, 6)]
        + [
            pl.lit(999_999_000 + i, dtype=pl.Int64).alias(f"dire_account_id_{i}")
            for i in range(1, 6)
        ]
    )
    pre = build_from_state(to_arrays(prepare_matches(new, require_label=False)), state)
    assert np.all(pre.mu == 0.0)
    assert np.all(pre.var == RATING[0].prior_var)
    assert np.all(pre.games == 0) and np.all(pre.ph_games == 0) and np.all(pre.mate_games == 0)
    assert pre.known[:, :5].sum() == 0 and pre.known[:, 5:].all()


def test_prior_counts_brute_force() -> None:
    rng = np.random.default_rng(0)
    keys = np.stack([rng.choice(np.arange(-1, 15), 3, replace=False) for _ in range(200)])
    wins = rng.integers(0, 2, keys.shape).astype(float)
    games_before, wins_before, table = prior_counts(keys, wins)
    for r in range(200):
        for j in range(3):
            if keys[r, j] < 0:
                continue
            mask = keys[:r] == keys[r, j]
            assert games_before[r, j] == mask.sum()
            assert wins_before[r, j] == (wins[:r] * mask).sum()
    g, w = table.lookup(np.array([[3, 14, -1, 99]]))
    for col, key in enumerate([3, 14]):
        assert g[0, col] == (keys == key).sum() and w[0, col] == (wins * (keys == key)).sum()
    assert g[0, 2] == 0 and g[0, 3] == 0


def test_time_order_and_split() -> None:
    frame = make_matches(100, seed=6).sample(fraction=1.0, shuffle=True, seed=1)
    ordered, key = time_order(frame)
    assert key == "start_time" and ordered["start_time"].is_sorted()
    no_time = frame.with_columns(
        pl.when(pl.int_range(pl.len()) == 3)
        .then(None)
        .otherwise(pl.col("start_time"))
        .alias("start_time")
    )
    ordered, key = time_order(no_time)
    assert key == "match_id" and ordered["match_id"].is_sorted()
    assert holdout_size(100, 0.2) == 20 and holdout_size(50, 0.05) == 2
