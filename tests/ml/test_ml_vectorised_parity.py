"""The vectorised training pieces give bit-identical values to straightforward references.

The references are the one-match-at-a-time rating loop and the two-orientation feature matrix
the pipeline used before they were vectorised; predictions are frozen, so the fast versions
must reproduce them exactly (not just closely).
"""

from __future__ import annotations

import math

import numpy as np
import polars as pl
import pytest
from ml_testdata import make_matches

from backend.ml.features import FeatureConfig, build_matrix
from backend.ml.frame import MAX_HERO_ID, UNKNOWN, prepare_matches, to_arrays
from backend.ml.history import PreMatch, build_online, mask_players, swap_prematch
from backend.ml.ordering import match_days, time_order
from backend.ml.ratings import (
    DRIFT_VAR_GRID,
    PRIOR_VAR_GRID,
    SIDE_PRIOR_MATCHES,
    SIDE_SIGN,
    TIME_VAR_GRID,
    RatingConfig,
    RatingStart,
    inflate,
    run_ratings,
)


def reference_ratings(
    player_idx: np.ndarray,
    radiant_win: np.ndarray,
    days: np.ndarray,
    n_players: int,
    configs: list[RatingConfig],
    start: RatingStart | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The rating pass one match at a time (the pipeline's loop before waves)."""
    n = player_idx.shape[0]
    prior = np.array([c.prior_var for c in configs])
    drift = np.array([c.drift_var for c in configs])
    time = np.array([c.time_var for c in configs])
    mu = np.zeros((n_players + 1, len(configs)))
    var = np.tile(prior, (n_players + 1, 1))
    last = np.full(n_players + 1, np.inf)
    done, radiant_wins = 0, 0.0
    if start is not None:
        mu[:n_players], var[:n_players], last[:n_players] = start.mu, start.var, start.last_day
        done, radiant_wins = start.n_matches, start.radiant_wins
    idx_all = np.where(player_idx >= 0, player_idx, n_players)
    pre_mu = np.empty((n, 10, len(configs)))
    pre_var = np.empty((n, 10, len(configs)))
    p_pred = np.empty((n, len(configs)))
    sign = SIDE_SIGN[:, None]
    for t in range(n):
        idx = idx_all[t]
        m = mu[idx]
        idle = np.where(np.isfinite(last[idx]), days[t] - last[idx], 0.0)
        v = inflate(var[idx], idle, prior, drift, time)
        pre_mu[t], pre_var[t] = m, v
        rate = (radiant_wins + SIDE_PRIOR_MATCHES / 2) / (done + t + SIDE_PRIOR_MATCHES)
        side = math.log(rate / (1.0 - rate))
        diff = (sign * m).sum(axis=0) + side
        total_var = v.sum(axis=0)
        p = 1.0 / (1.0 + np.exp(-diff / np.sqrt(1.0 + math.pi * total_var / 8.0)))
        p_pred[t] = p
        y = radiant_win[t]
        h = p * (1.0 - p)
        denom = 1.0 + total_var * h
        mu[idx] = m + sign * v * ((y - p) / denom)
        var[idx] = v - v * v * (h / denom)
        last[idx] = days[t]
        mu[n_players], var[n_players], last[n_players] = 0.0, prior, np.inf
        radiant_wins += y
    return pre_mu, pre_var, p_pred, mu[:n_players], var[:n_players], last[:n_players]


def reference_matrix(pre: PreMatch, config: FeatureConfig) -> np.ndarray:
    """Both orientations in full, then (X - X_swapped) / 2 (the matrix before it was lean)."""
    from backend.ml.features import _Builder, _hero_stat_features, _player_features

    def one(p: PreMatch) -> np.ndarray:
        p = PreMatch(
            **{k: np.ascontiguousarray(getattr(p, k)) for k in PreMatch.__dataclass_fields__}
        )
        b = _Builder()
        if config.use_player_features:
            _player_features(b, p)
        if config.use_hero_stats:
            _hero_stat_features(b, p)
        n = p.heroes.shape[0]
        picks = np.zeros((n, MAX_HERO_ID))
        rows = np.arange(n)[:, None]
        picks[rows, p.heroes[:, :5] - 1] = 1.0
        picks[rows, p.heroes[:, 5:] - 1] = -1.0
        numeric = np.column_stack(b.columns) if b.columns else np.zeros((n, 0))
        return np.hstack([numeric, picks])

    return (one(pre) - one(swap_prematch(pre))) / 2.0


def walk_inputs(frame: pl.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    frame, key = time_order(prepare_matches(frame, require_label=True))
    arrays = to_arrays(frame)
    acc = arrays.accounts
    players = np.unique(acc[acc != UNKNOWN])
    idx = np.where(acc != UNKNOWN, np.searchsorted(players, acc), -1).astype(np.int64)
    assert arrays.radiant_win is not None
    return idx, arrays.radiant_win, match_days(frame, key), len(players)


GRID = [
    RatingConfig(p, d, t) for p in PRIOR_VAR_GRID for d in DRIFT_VAR_GRID for t in TIME_VAR_GRID
]


@pytest.mark.parametrize("configs", [[RatingConfig()], [RatingConfig(0.16, 0.001, 1e-3)], GRID])
def test_wave_ratings_equal_the_sequential_loop(configs: list[RatingConfig]) -> None:
    # Few players and some unknown slots: long chains of dependent matches and the scratch slot.
    idx, y, days, n_players = walk_inputs(
        make_matches(400, seed=5, n_players=30, unknown_share=0.2)
    )
    run = run_ratings(idx, y, days, n_players, configs)
    expected = reference_ratings(idx, y, days, n_players, configs)
    got = (run.pre_mu, run.pre_var, run.p_pred, run.mu, run.var, run.last_day)
    for a, b in zip(got, expected, strict=True):
        np.testing.assert_array_equal(a, b)


def test_wave_ratings_continue_from_a_start_exactly() -> None:
    idx, y, days, n_players = walk_inputs(make_matches(300, seed=6, n_players=25))
    configs = [RatingConfig(0.08, 0.001, 1e-3), RatingConfig()]
    head = reference_ratings(idx[:200], y[:200], days[:200], n_players, configs)
    start = RatingStart(head[3], head[4], head[5], 200, float(y[:200].sum()))
    run = run_ratings(idx[200:], y[200:], days[200:], n_players, configs, start=start)
    expected = reference_ratings(idx[200:], y[200:], days[200:], n_players, configs, start)
    np.testing.assert_array_equal(run.p_pred, expected[2])
    np.testing.assert_array_equal(run.mu, expected[3])
    np.testing.assert_array_equal(run.var, expected[4])


def test_a_player_twice_in_one_match_is_handled_as_the_loop_does() -> None:
    idx, y, days, n_players = walk_inputs(make_matches(120, seed=7, n_players=20))
    idx[::7, 3] = idx[::7, 8]  # the same account on both sides (bad data, still processed)
    run = run_ratings(idx, y, days, n_players, [RatingConfig()])
    expected = reference_ratings(idx, y, days, n_players, [RatingConfig()])
    np.testing.assert_array_equal(run.p_pred, expected[2])
    np.testing.assert_array_equal(run.mu, expected[3])


@pytest.mark.parametrize(
    "config",
    [
        FeatureConfig(),
        FeatureConfig(use_player_features=False),
        FeatureConfig(use_hero_stats=False),
        FeatureConfig(use_player_features=False, use_hero_stats=False),
    ],
)
def test_lean_feature_matrix_equals_both_orientations(config: FeatureConfig) -> None:
    frame, key = time_order(prepare_matches(make_matches(500, seed=8), require_label=True))
    pre, _ = build_online(to_arrays(frame), match_days(frame, key), (RatingConfig(),))
    X, _ = build_matrix(pre, config)
    np.testing.assert_array_equal(X, reference_matrix(pre, config))
    hidden = mask_players(pre, np.random.default_rng(0).random((500, 10)) < 0.4, np.array([0.08]))
    np.testing.assert_array_equal(build_matrix(hidden, config)[0], reference_matrix(hidden, config))


def test_lean_feature_matrix_of_one_row_and_of_a_hero_on_both_sides() -> None:
    frame, key = time_order(prepare_matches(make_matches(60, seed=9), require_label=True))
    pre, _ = build_online(to_arrays(frame), match_days(frame, key), (RatingConfig(),))
    pre.heroes[5, 7] = pre.heroes[5, 2]  # bad data: one hero on both sides cancels out
    for rows in (slice(0, 1), slice(59, 60), slice(0, 60)):
        part = PreMatch(**{k: getattr(pre, k)[rows] for k in PreMatch.__dataclass_fields__})
        np.testing.assert_array_equal(
            build_matrix(part, FeatureConfig())[0], reference_matrix(part, FeatureConfig())
        )


@pytest.mark.parametrize("chunk", [3, 7, 64])
def test_feature_blocks_do_not_change_values(chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    import backend.ml.features as features

    frame, key = time_order(prepare_matches(make_matches(199, seed=10), require_label=True))
    pre, _ = build_online(to_arrays(frame), match_days(frame, key), (RatingConfig(),))
    monkeypatch.setattr(features, "CHUNK_ROWS", chunk)  # 199 rows: last blocks of 1, 3 and 7
    np.testing.assert_array_equal(
        build_matrix(pre, FeatureConfig())[0], reference_matrix(pre, FeatureConfig())
    )


@pytest.mark.parametrize("scale", [1, 1 << 20, 1 << 58])  # radix, combined-key and stable sort
def test_key_then_time_order_equals_a_lexsort(scale: int) -> None:
    from backend.ml.counts import _by_key_then_time

    rng = np.random.default_rng(11)
    keys = rng.integers(-1, 40, (300, 4)) * scale  # repeats within a row too
    flat = keys.ravel()
    sel = np.flatnonzero(flat >= 0)
    rows = np.repeat(np.arange(300), 4)
    expected = sel[np.lexsort((rows[sel], flat[sel]))]
    np.testing.assert_array_equal(_by_key_then_time(flat), expected)


def reference_prior_counts(keys: np.ndarray, wins: np.ndarray) -> tuple[np.ndarray, ...]:
    """The counting as first written: lexsort, then group ids."""
    n, k = keys.shape
    flat_keys, flat_wins = keys.ravel(), wins.ravel().astype(np.float64)
    rows = np.repeat(np.arange(n), k)
    sel = np.flatnonzero(flat_keys >= 0)
    order = sel[np.lexsort((rows[sel], flat_keys[sel]))]
    sk, sw = flat_keys[order], flat_wins[order]
    new_group = np.ones(len(sk), dtype=bool)
    new_group[1:] = sk[1:] != sk[:-1]
    group_start = np.flatnonzero(new_group)
    group_id = np.cumsum(new_group) - 1
    position = np.arange(len(sk)) - group_start[group_id]
    cum_wins = np.cumsum(sw)
    wins_before_group = np.concatenate([[0.0], cum_wins])[group_start]
    prior_wins = cum_wins - sw - wins_before_group[group_id]
    games_out, wins_out = np.zeros(n * k), np.zeros(n * k)
    games_out[order], wins_out[order] = position, prior_wins
    group_end = np.concatenate([group_start[1:], [len(sk)]])
    return (
        games_out.reshape(n, k),
        wins_out.reshape(n, k),
        sk[group_start],
        (group_end - group_start).astype(np.float64),
        cum_wins[group_end - 1] - wins_before_group,
    )


@pytest.mark.parametrize("scale", [1, 1 << 20])
def test_prior_counts_equal_the_group_id_version(scale: int) -> None:
    from backend.ml.counts import prior_counts

    rng = np.random.default_rng(12)
    keys = rng.integers(-1, 60, (400, 5)) * scale
    wins = rng.integers(0, 2, keys.shape).astype(float) * rng.choice([1.0, 0.3], keys.shape)
    games, won, table = prior_counts(keys, wins)
    expected = reference_prior_counts(keys, wins)
    got = (games, won, table.keys, table.games, table.wins)
    for a, b in zip(got, expected, strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("width", [1, 2, 5, 7, 8, 9, 10, 16, 17, 20, 25, 31])
def test_column_row_sum_is_numpys_row_sum(width: int) -> None:
    from backend.ml.features import _row_sum

    rng = np.random.default_rng(width)
    block = rng.standard_normal((3000, 2 * width)) * 10.0 ** rng.integers(-9, 9, (3000, 2 * width))
    for view in (block[:, :width], block[:, width:], np.ascontiguousarray(block[:, :width])):
        columns = [np.ascontiguousarray(view[:, j]) for j in range(width)]
        np.testing.assert_array_equal(_row_sum(columns), view.sum(axis=1))


def test_build_matrix_writes_into_a_given_block() -> None:
    frame, key = time_order(prepare_matches(make_matches(120, seed=11), require_label=True))
    pre, _ = build_online(to_arrays(frame), match_days(frame, key), (RatingConfig(),))
    X, specs = build_matrix(pre, FeatureConfig())
    out = np.zeros((130, len(specs)))
    build_matrix(pre, FeatureConfig(), out[5:125])
    np.testing.assert_array_equal(out[5:125], X)
    assert not out[:5].any() and not out[125:].any()
    with pytest.raises(ValueError, match="shape"):
        build_matrix(pre, FeatureConfig(), np.zeros((119, len(specs))))


def test_numeric_specs_are_the_definitions_specs() -> None:
    from backend.ml.features import _numeric, numeric_specs

    frame, key = time_order(prepare_matches(make_matches(50, seed=12), require_label=True))
    configs = (RatingConfig(), RatingConfig(prior_var=0.2))
    pre, _ = build_online(to_arrays(frame), match_days(frame, key), configs)
    for config in (FeatureConfig(), FeatureConfig(use_player_features=False)):
        assert numeric_specs(config, 2) == _numeric(pre, config)[1]
        np.testing.assert_array_equal(build_matrix(pre, config)[0], reference_matrix(pre, config))
