"""Batch features from a state's tables (state_tables) equal build_from_state + build_matrix,
bit for bit, on the inputs that stress them: unknown, unseen and repeated players, a hero on
both sides, several rating variants, every feature config, a near-empty state."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from ml_testdata import HERO_POOL, make_matches

from backend.ml.features import FeatureConfig, build_matrix, numeric_specs, slot_columns
from backend.ml.frame import MAX_HERO_ID, UNKNOWN, MatchArrays, prepare_matches, to_arrays
from backend.ml.history import HistoryState, build_from_state, build_online
from backend.ml.ordering import match_days, time_order
from backend.ml.ratings import RatingConfig
from backend.ml.state_tables import StateTables

CONFIGS = [
    FeatureConfig(),
    FeatureConfig(use_player_features=False),
    FeatureConfig(use_hero_stats=False),
    FeatureConfig(use_player_features=False, use_hero_stats=False),
]
RATINGS = (RatingConfig(), RatingConfig(prior_var=0.3, drift_var=0.01, time_var=1e-3))


def _state(n: int, seed: int, ratings: tuple[RatingConfig, ...] = RATINGS) -> HistoryState:
    frame, key = time_order(prepare_matches(make_matches(n, seed=seed), require_label=True))
    _, state = build_online(to_arrays(frame), match_days(frame, key), ratings, order_key=key)
    return state


def _drafts(state: HistoryState, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Drafts of known, unknown (-1) and never-seen players, with the awkward cases planted."""
    rng = np.random.default_rng(seed)
    heroes = np.array([rng.choice(HERO_POOL, 10, replace=False) for _ in range(n)])
    pool = np.concatenate([state.accounts, [7, 8, 9, 10**10]]) if len(state.accounts) else [7]
    accounts = rng.choice(pool, (n, 10))
    accounts[rng.random((n, 10)) < 0.2] = UNKNOWN
    heroes[0, 7] = heroes[0, 2]  # one hero on both sides
    accounts[1, 8] = accounts[1, 1] = pool[0]  # one player on both sides
    accounts[2] = UNKNOWN  # nobody known
    heroes[3] = [1, 2, 3, 4, 5, MAX_HERO_ID, MAX_HERO_ID - 1, 6, 7, 8]  # edge hero ids
    return heroes.astype(np.int64), accounts.astype(np.int64)


def _reference(
    state: HistoryState, config: FeatureConfig, heroes: np.ndarray, accounts: np.ndarray
) -> np.ndarray:
    arrays = MatchArrays(np.zeros(len(heroes), np.int64), heroes, accounts, None)
    return build_matrix(build_from_state(arrays, state), config)[0]


def _from_tables(
    state: HistoryState, config: FeatureConfig, heroes: np.ndarray, accounts: np.ndarray
) -> np.ndarray:
    from backend.ml.features import write_block

    width = len(numeric_specs(config, len(state.rating_configs))) + MAX_HERO_ID
    out = np.zeros((len(heroes), width))
    write_block(StateTables(state, config).columns(heroes, accounts), heroes, config, out)
    return out


@pytest.mark.parametrize("config", CONFIGS)
def test_table_features_equal_build_from_state(config: FeatureConfig) -> None:
    state = _state(400, seed=21)
    heroes, accounts = _drafts(state, 700, seed=22)
    expected = _reference(state, config, heroes, accounts)
    assert np.array_equal(_from_tables(state, config, heroes, accounts), expected)


def test_slot_columns_are_equal_field_by_field() -> None:
    """Not only the matrix: every derived input, so a difference cannot hide in a reduction."""
    state = _state(300, seed=23)
    heroes, accounts = _drafts(state, 300, seed=24)
    arrays = MatchArrays(np.zeros(len(heroes), np.int64), heroes, accounts, None)
    expected = slot_columns(build_from_state(arrays, state), FeatureConfig())
    got = StateTables(state, FeatureConfig()).columns(heroes, accounts)
    for field in dataclasses.fields(expected):
        assert np.array_equal(getattr(got, field.name), getattr(expected, field.name)), field.name


@pytest.mark.parametrize("n_matches", [1, 3])
def test_a_state_of_almost_nothing(n_matches: int) -> None:
    state = _state(n_matches, seed=25, ratings=(RatingConfig(),))
    heroes, accounts = _drafts(state, 50, seed=26)
    for config in CONFIGS:
        expected = _reference(state, config, heroes, accounts)
        assert np.array_equal(_from_tables(state, config, heroes, accounts), expected)


def test_a_rolled_forward_model_serves_its_new_state() -> None:
    """After advance() the tables follow the new state (rebuilt, never the old one's)."""
    from backend.ml import train_model

    frame = make_matches(500, seed=27)
    model = train_model(frame.head(400), "logistic_regression", None, evaluate=False)
    later, _ = model.advance(frame.tail(100))
    heroes, accounts = _drafts(later.state, 200, seed=28)
    first = model.features_from_arrays(heroes, accounts)
    moved = later.features_from_arrays(heroes, accounts)
    assert np.array_equal(moved, _reference(later.state, later.feature_config, heroes, accounts))
    assert np.array_equal(first, _reference(model.state, model.feature_config, heroes, accounts))
    assert not np.array_equal(first, moved)
