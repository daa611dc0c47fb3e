"""The point-in-time timeline equals advancing the artifact by exactly the earlier results."""

from __future__ import annotations

from dataclasses import fields

import numpy as np
import polars as pl
import pytest
from ml_testdata import make_matches

from backend.ml.frame import prepare_matches, to_arrays
from backend.ml.history import HistoryState, PreMatch, build_from_state, build_online
from backend.ml.ordering import match_days, time_order
from backend.ml.point_in_time import Timeline
from backend.ml.ratings import RatingConfig
from backend.ml.rollforward import advance_state

RATINGS = (
    RatingConfig(prior_var=0.16, drift_var=0.001, time_var=1e-3),
    RatingConfig(prior_var=0.08, drift_var=0.0, time_var=1e-4),
)


# Plain counts, and hero statistics decayed with a 2-day half-life (the matches are an hour
# apart, so the test's ~17 days of results weigh from 1 down to a few per cent).
HALF_LIVES = [0.0, 2.0]


def state_of(frame: pl.DataFrame, half_life: float = 0.0) -> HistoryState:
    frame, key = time_order(prepare_matches(frame, require_label=True))
    days = match_days(frame, key)
    _, state = build_online(
        to_arrays(frame), days, RATINGS, order_key=key, hero_half_life_days=half_life
    )
    return state


def assert_same(a: PreMatch, b: PreMatch, half_life: float = 0.0) -> None:
    """Equal; with decay, the hero counts to rounding (sums of weights in another order)."""
    for f in fields(PreMatch):
        got, want = getattr(a, f.name), getattr(b, f.name)
        if half_life:
            np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12, err_msg=f.name)
        else:
            np.testing.assert_array_equal(got, want, err_msg=f.name)


def split(start_time: bool) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Training head, later results (with new players) and queries spread over the results."""
    full = make_matches(420, seed=7, n_players=150, start_time=start_time, unknown_share=0.2)
    head, rest = full.head(200), full.slice(200, 160)
    queries = full.slice(360, 60)
    return head, rest, queries


@pytest.mark.parametrize("half_life", HALF_LIVES)
@pytest.mark.parametrize("start_time", [True, False])
def test_every_cutoff_equals_advancing_by_that_prefix(start_time: bool, half_life: float) -> None:
    head, rest, _ = split(start_time)
    base = state_of(head, half_life)
    timeline = Timeline(base, rest.sample(fraction=1.0, shuffle=True, seed=3))
    assert timeline.n == rest.height
    ordered = time_order(prepare_matches(rest, require_label=True))[0]
    # Query drafts: the results' own drafts (the hard case: their own keys are in the results)
    # and drafts of unseen later matches, each at several cut-offs.
    arrays = to_arrays(ordered)
    for k in (0, 1, 2, 17, 80, rest.height - 1, rest.height):
        state = base if k == 0 else advance_state(base, ordered.head(k))[0]
        want = build_from_state(arrays, state)
        got = timeline.arrays_prematch(arrays, np.full(len(arrays), k))
        assert_same(got, want, half_life)


@pytest.mark.parametrize("half_life", HALF_LIVES)
@pytest.mark.parametrize("start_time", [True, False])
def test_mixed_cutoffs_in_one_call(start_time: bool, half_life: float) -> None:
    head, rest, queries = split(start_time)
    base = state_of(head, half_life)
    timeline = Timeline(base, rest)
    arrays = to_arrays(prepare_matches(queries, require_label=False))
    cut = np.random.default_rng(0).integers(0, rest.height + 1, len(arrays))
    got = timeline.arrays_prematch(arrays, cut)
    ordered = time_order(prepare_matches(rest, require_label=True))[0]
    for row in range(0, len(arrays), 7):
        k = int(cut[row])
        state = base if k == 0 else advance_state(base, ordered.head(k))[0]
        one = to_arrays(prepare_matches(queries.slice(row, 1), require_label=False))
        want = build_from_state(one, state)
        for f in fields(PreMatch):
            np.testing.assert_allclose(
                getattr(got, f.name)[row],
                getattr(want, f.name)[0],
                rtol=1e-12 if half_life else 0,
                atol=1e-12 if half_life else 0,
                err_msg=f.name,
            )


@pytest.mark.parametrize("start_time", [True, False])
def test_cutoffs_never_include_a_match_or_later_ones(start_time: bool) -> None:
    head, rest, queries = split(start_time)
    timeline = Timeline(state_of(head), rest)
    ordered = time_order(prepare_matches(rest, require_label=True))[0]
    arrays = to_arrays(ordered)
    everywhere = np.ones(len(arrays), dtype=bool)
    # A result's own match is cut just before itself, wherever its start_time says.
    k = timeline.cutoffs(arrays.match_id, arrays.start_time, everywhere)
    np.testing.assert_array_equal(k, np.arange(len(arrays)))
    assert arrays.start_time is not None
    shifted = arrays.start_time + 10**6 if start_time else None
    k = timeline.cutoffs(arrays.match_id, shifted, everywhere)
    np.testing.assert_array_equal(k, np.arange(len(arrays)))
    # Training matches and older ones: nothing applied; later matches: everything.
    head_arrays = to_arrays(prepare_matches(head, require_label=True))
    k = timeline.cutoffs(head_arrays.match_id, head_arrays.start_time, np.ones(200, bool))
    assert (k == 0).all()
    later = to_arrays(prepare_matches(queries, require_label=False))
    k = timeline.cutoffs(later.match_id, later.start_time, np.ones(len(later), bool))
    assert (k == rest.height).all()
    # No position (a live draft): everything.
    k = timeline.cutoffs(head_arrays.match_id, None, np.zeros(200, bool))
    assert (k == rest.height).all()


def test_undated_rows_of_a_dated_model_go_by_match_id() -> None:
    head, rest, _ = split(True)
    timeline = Timeline(state_of(head), rest)
    mid = int(rest["match_id"][50])
    k = timeline.cutoffs(np.array([mid + 1]), np.array([-1]), np.array([True]))
    assert k.tolist() == [51]


def test_a_timeline_without_applicable_results_is_the_artifact() -> None:
    head, _, queries = split(True)
    base = state_of(head)
    timeline = Timeline(base, head)  # every result is a training match: none applies
    assert timeline.n == 0
    arrays = to_arrays(prepare_matches(queries, require_label=False))
    k = timeline.cutoffs(arrays.match_id, arrays.start_time, np.ones(len(arrays), dtype=bool))
    assert (k == 0).all()
    assert_same(timeline.arrays_prematch(arrays, k), build_from_state(arrays, base))


@pytest.mark.parametrize("start_time", [True, False])
@pytest.mark.parametrize("every", ["day", 7, "match"])
def test_walk_forward_equals_advancing_group_by_group(start_time: bool, every: str | int) -> None:
    from backend.ml import train_model
    from backend.ml.backtest import walk_forward
    from backend.ml.evaluation import time_blocks

    full = make_matches(300, seed=5, n_players=90, start_time=start_time, unknown_share=0.2)
    if not start_time:  # a Dota-like clock: ~1M match ids apart, so "days" hold a few matches
        full = full.with_columns((pl.col("match_id") * 1000).alias("match_id"))
    train, holdout = full.head(200), full.slice(200)
    model = train_model(train, "logistic_regression", {}, evaluate=False)
    run = walk_forward(model, holdout.clear(), holdout, every)
    ordered = time_order(prepare_matches(holdout, require_label=True))[0]
    if every == "day":
        groups = time_blocks(ordered)
    else:
        size = 1 if every == "match" else int(every)
        groups = [ordered.slice(i, size) for i in range(0, ordered.height, size)]
    expected: dict[int, float] = {}
    current = model
    for group in groups:
        for m, p in zip(group["match_id"].to_list(), current.predict_proba(group), strict=True):
            expected[m] = float(p)
        current, _ = current.advance(group)
    got = dict(zip(run.match_id.tolist(), run.walk_forward.tolist(), strict=True))
    assert got.keys() == expected.keys()
    np.testing.assert_allclose(
        [got[m] for m in expected], list(expected.values()), rtol=0, atol=1e-12
    )
