"""Rolling a state forward with new results equals walk-forward training on all of them."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from ml_testdata import make_matches

from backend.ml import train_model
from backend.ml.frame import prepare_matches, to_arrays
from backend.ml.history import HistoryState, build_online
from backend.ml.ordering import match_days, time_order
from backend.ml.ratings import RatingConfig
from backend.ml.rollforward import advance_state

RATING = (RatingConfig(prior_var=0.16, drift_var=0.001, time_var=1e-3),)


def state_of(frame: pl.DataFrame, half_life: float = 0.0) -> HistoryState:
    frame, key = time_order(prepare_matches(frame, require_label=True))
    days = match_days(frame, key)
    _, state = build_online(
        to_arrays(frame), days, RATING, order_key=key, hero_half_life_days=half_life
    )
    return state


def assert_same_state(a: HistoryState, b: HistoryState) -> None:
    np.testing.assert_array_equal(a.accounts, b.accounts)
    np.testing.assert_allclose(a.mu, b.mu, rtol=0, atol=1e-9)
    np.testing.assert_allclose(a.var, b.var, rtol=0, atol=1e-9)
    np.testing.assert_allclose(a.last_day, b.last_day, rtol=0, atol=1e-9)
    assert a.end_day == pytest.approx(b.end_day, abs=1e-9)
    assert a.n_matches == b.n_matches and a.radiant_wins == b.radiant_wins
    assert a.hero_half_life_days == b.hero_half_life_days
    assert a.tables.keys() == b.tables.keys()
    for name in a.tables:
        np.testing.assert_array_equal(a.tables[name].keys, b.tables[name].keys, err_msg=name)
        np.testing.assert_allclose(a.tables[name].games, b.tables[name].games, atol=1e-9)
        np.testing.assert_allclose(a.tables[name].wins, b.tables[name].wins, atol=1e-9)


@pytest.mark.parametrize("half_life", [0.0, 2.0])  # plain counts; hero statistics decayed
@pytest.mark.parametrize("start_time", [True, False])
def test_advance_equals_training_on_all(start_time: bool, half_life: float) -> None:
    # 120 players over 300 matches: the later matches bring accounts the head never saw.
    full = make_matches(300, seed=11, n_players=120, start_time=start_time, unknown_share=0.2)
    head = full.head(150)
    head = head.filter(~pl.any_horizontal(pl.col("^radiant_account_id_.*$") >= 100_110))
    head_state = state_of(head, half_life)
    rest = full.filter(~pl.col("match_id").is_in(head["match_id"].to_list()))
    rest = rest.filter(pl.col("match_id") > head["match_id"].max())
    assert len(np.setdiff1d(state_of(rest).accounts, head_state.accounts)) > 0
    advanced, report = advance_state(head_state, rest.sample(fraction=1.0, shuffle=True, seed=1))
    assert report.applied == rest.height and report.skipped == 0
    assert advanced.results_applied == rest.height
    assert advanced.training_end == head_state.training_end
    assert advanced.ratings_as_of is not None
    assert advanced.ratings_as_of.match_id == rest["match_id"].max()
    assert_same_state(advanced, state_of(pl.concat([head, rest]), half_life))
    if half_life and start_time:  # decay did something (ids alone span minutes of match time)
        plain = state_of(pl.concat([head, rest])).tables["hero"].games.sum()
        assert advanced.tables["hero"].games.sum() < 0.5 * plain


@pytest.mark.parametrize("half_life", [0.0, 2.0])
def test_advance_in_two_steps_equals_one(half_life: float) -> None:
    full = make_matches(240, seed=12)
    s0 = state_of(full.head(100), half_life)
    one, _ = advance_state(s0, full.slice(100))
    two, _ = advance_state(advance_state(s0, full.slice(100, 70))[0], full.slice(170))
    assert_same_state(one, two)
    assert two.results_applied == 140


def test_winner_gains_rating_and_input_state_is_unchanged() -> None:
    full = make_matches(200, seed=13, unknown_share=0.0)
    state = state_of(full)
    last = full.tail(1)
    winner = int(last["radiant_account_id_1"][0])
    new = last.with_columns(
        pl.col("match_id") + 10_000,
        pl.col("start_time") + 3600,
        pl.lit(True).alias("radiant_win"),
    )
    before_mu = state.mu.copy()
    advanced, report = advance_state(state, new)
    assert report.applied == 1
    i = int(np.searchsorted(state.accounts, winner))
    assert advanced.mu[i, 0] > state.mu[i, 0]
    loser = int(np.searchsorted(state.accounts, int(last["dire_account_id_1"][0])))
    assert advanced.mu[loser, 0] < state.mu[loser, 0]
    np.testing.assert_array_equal(state.mu, before_mu)
    assert state.results_applied == 0


def test_old_and_repeated_matches_are_skipped() -> None:
    full = make_matches(200, seed=14)
    state = state_of(full.head(150))
    advanced, report = advance_state(state, full.slice(120, 30))  # all within training
    assert report.applied == 0 and report.skipped_before_training_end == 30
    assert advanced is state
    once, first = advance_state(state, full.slice(150))
    again, second = advance_state(once, pl.concat([full.slice(150), full.slice(150, 5)]))
    assert first.applied == 50
    assert second.applied == 0 and second.skipped_out_of_order == 50
    assert second.duplicates_in_input == 5
    assert_same_state(again, once)


def test_undated_matches_are_skipped_for_a_start_time_state() -> None:
    full = make_matches(200, seed=15)
    state = state_of(full.head(150))
    undated = full.slice(150).with_columns(pl.lit(None, pl.Int64).alias("start_time"))
    advanced, report = advance_state(state, undated)
    assert report.applied == 0 and report.skipped_undated == 50
    assert advanced is state


def test_empty_frame_changes_nothing() -> None:
    full = make_matches(150, seed=16)
    state = state_of(full)
    advanced, report = advance_state(state, full.head(0))
    assert report.applied == 0 and report.skipped == 0
    assert_same_state(advanced, state)


def test_trained_model_advance_returns_new_model() -> None:
    full = make_matches(260, seed=17)
    model = train_model(full.head(200), "logistic_regression", None)
    after, report = model.advance(full.slice(200))
    assert report.applied == 60
    assert after is not model and after.estimator is model.estimator
    assert model.results_applied == 0 and after.results_applied == 60
    assert model.ratings_as_of == model.training_end
    assert after.ratings_as_of is not None and after.training_end is not None
    assert after.ratings_as_of.match_id == full["match_id"].max()
    assert after.training_end.start_time == full["start_time"][199]
    draft = full.slice(250, 5)
    assert not np.allclose(model.predict_proba(draft), after.predict_proba(draft))
    restored = type(after).from_bytes(after.to_bytes())
    assert restored.results_applied == 60


def test_a_model_with_other_feature_columns_refuses_to_predict() -> None:
    full = make_matches(120, seed=18)
    model = train_model(full, "logistic_regression", None)
    old = type(model).from_bytes(model.to_bytes())
    old.specs = old.specs[1:]  # as if stored by a version with different columns
    with pytest.raises(ValueError, match="older feature set"):
        old.predict_proba(full.head(2))
    assert model.predict_proba(full.head(2)).shape == (2,)
