"""Partial line-ups, unseen heroes and side swaps on real drafts, for every model type."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from ml_testdata import make_matches

from backend.matches import load_default_matches
from backend.ml import MODEL_TYPES, TrainedModel, train_model
from backend.ml.evaluation import mask_accounts, side_swap_deviation, swap_sides, time_blocks
from backend.ml.features import FeatureConfig, build_matrix
from backend.ml.frame import ACCOUNT_COLUMNS, prepare_matches, to_arrays
from backend.ml.history import PreMatch, build_from_state, mask_players, swap_prematch

FAST = {
    "logistic_regression": {},
    "catboost": {"iterations": 60, "depth": 3},
    "hist_gradient_boosting": {"max_iter": 40},
}


@pytest.fixture(scope="module")
def real() -> pl.DataFrame:
    """1,500 consecutive real pro matches; every account id is present in this file."""
    frame = load_default_matches().sort("match_id").slice(6000, 1500)
    assert sum(frame[c].null_count() for c in ACCOUNT_COLUMNS) == 0
    return frame


@pytest.fixture(scope="module")
def models(real: pl.DataFrame) -> dict[str, TrainedModel]:
    return {name: train_model(real.head(1200), name, FAST[name]) for name in MODEL_TYPES}


def test_heroes_only_prediction_stays_near_the_base_rate(
    models: dict[str, TrainedModel], real: pl.DataFrame
) -> None:
    """Trained with every id present, a draft without ids is not a near-certain loss."""
    later = mask_accounts(real.slice(1200), 1.0, seed=0)
    base = float(real.head(1200)["radiant_win"].mean())  # type: ignore[arg-type]
    for name, model in models.items():
        p = model.predict_proba(later)
        assert abs(float(p.mean()) - base) < 0.05, name
        assert np.all(np.abs(p - base) < 0.3), (name, np.abs(p - base).max())


def test_partially_known_line_ups_are_calibrated_in_the_mean(
    models: dict[str, TrainedModel], real: pl.DataFrame
) -> None:
    later = real.slice(1200)
    rate = float(later["radiant_win"].mean())  # type: ignore[arg-type]
    for name, model in models.items():
        for share in (0.2, 0.5, 0.8):
            p = model.predict_proba(mask_accounts(later, share, seed=1))
            assert abs(float(p.mean()) - rate) < 0.06, (name, share)


def test_one_side_unknown_is_not_treated_as_weak(
    models: dict[str, TrainedModel], real: pl.DataFrame
) -> None:
    """Hiding dire's ids must not push Radiant towards a win for every draft."""
    later = real.slice(1200)
    dire_hidden = later.with_columns(
        pl.lit(None, pl.Int64).alias(c) for c in ACCOUNT_COLUMNS if c.startswith("dire")
    )
    for name, model in models.items():
        shift = model.predict_proba(dire_hidden).mean() - model.predict_proba(later).mean()
        assert abs(shift) < 0.05, name


def test_side_swap_mirrors_around_the_side_constant(
    models: dict[str, TrainedModel], real: pl.DataFrame
) -> None:
    drafts = real.slice(1200, 200)
    for name, model in models.items():
        assert side_swap_deviation(model, drafts) < 1e-6, name
        assert side_swap_deviation(model, mask_accounts(drafts, 0.5, seed=2)) < 1e-6, name
        # Not trivially constant: swapping does change the prediction.
        assert not np.allclose(model.predict_proba(drafts), model.predict_proba(swap_sides(drafts)))


def test_unseen_heroes_are_named_and_sit_at_the_prior() -> None:
    hero_cols = [c for c in make_matches(1).columns if "_hero_" in c]
    unseen = [1, 2]
    frame = make_matches(300, seed=21).filter(~pl.any_horizontal(pl.col(hero_cols).is_in(unseen)))
    seen = [int(h) for h in frame.select(pl.concat_list(hero_cols)).to_series()[0]]
    for name in MODEL_TYPES:
        model = train_model(frame, name, FAST[name])
        row = frame.tail(1).with_columns(pl.lit(unseen[0], pl.Int16).alias("radiant_hero_1"))
        other = row.with_columns(pl.lit(unseen[1], pl.Int16).alias("radiant_hero_1"))
        heroes = [int(row[c][0]) for c in hero_cols]
        assert model.unknown_heroes([*heroes, unseen[0]]) == [unseen[0]]
        assert model.unknown_heroes([seen[0]]) == []
        # Two different unseen heroes are indistinguishable: zero pick weight, prior stats.
        assert model.predict_proba(row)[0] == pytest.approx(
            model.predict_proba(other)[0], abs=1e-12
        )


def test_rolled_forward_features_use_only_earlier_results(real: pl.DataFrame) -> None:
    """After ingesting day d, features of day d+1 ignore day d+1's and later results."""
    model = train_model(real.head(1000), "logistic_regression", None)
    blocks = time_blocks(prepare_matches(real.slice(1000), require_label=True))
    assert len(blocks) >= 3
    advanced, _ = model.advance(blocks[0])
    flipped, _ = model.advance(blocks[0].with_columns(~pl.col("radiant_win")))
    target = blocks[1]
    X = advanced.features(target)
    np.testing.assert_array_equal(X, advanced.features(target.with_columns(~pl.col("radiant_win"))))
    later, _ = advanced.advance(blocks[2])
    np.testing.assert_array_equal(X, advanced.features(target))  # advancing returns a copy
    assert not np.array_equal(later.features(target), X)  # and the copy did move
    assert not np.array_equal(flipped.features(target), X)  # earlier results are used
    state = advanced.state
    direct = build_from_state(to_arrays(prepare_matches(target, require_label=False)), state)
    X_direct, _ = build_matrix(direct, advanced.feature_config)
    np.testing.assert_array_equal(X, X_direct)
    assert isinstance(advanced.feature_config, FeatureConfig)


def test_swapped_inputs_equal_the_inputs_of_the_swapped_draft(
    models: dict[str, TrainedModel], real: pl.DataFrame
) -> None:
    state = models["logistic_regression"].state
    drafts = mask_accounts(real.slice(1200, 100), 0.3, seed=3)

    def inputs(frame: pl.DataFrame) -> PreMatch:
        return build_from_state(to_arrays(prepare_matches(frame, require_label=False)), state)

    swapped, direct = swap_prematch(inputs(drafts)), inputs(swap_sides(drafts))
    for name in PreMatch.__dataclass_fields__:
        np.testing.assert_array_equal(getattr(swapped, name), getattr(direct, name), err_msg=name)
    X, _ = build_matrix(inputs(drafts), FeatureConfig())
    X_swapped, _ = build_matrix(inputs(swap_sides(drafts)), FeatureConfig())
    np.testing.assert_array_equal(X_swapped, -X)


def test_masking_and_day_blocks() -> None:
    frame = make_matches(200, seed=22, unknown_share=0.0)
    ids = [frame[c].null_count() for c in ACCOUNT_COLUMNS]
    assert sum(ids) == 0
    assert mask_accounts(frame, 0.0, seed=1).equals(frame)
    assert all(mask_accounts(frame, 1.0, seed=1)[c].null_count() == 200 for c in ACCOUNT_COLUMNS)
    half = sum(mask_accounts(frame, 0.5, seed=1)[c].null_count() for c in ACCOUNT_COLUMNS)
    assert 800 < half < 1200
    blocks = time_blocks(frame)  # one match per hour: 24 per UTC day
    assert pl.concat(blocks).equals(frame)
    assert all((b["start_time"] // 86400).n_unique() == 1 for b in blocks)
    assert len(blocks) in (9, 10)
    untimed = time_blocks(frame.with_columns(pl.lit(None, pl.Int64).alias("start_time")))
    assert pl.concat(untimed).equals(frame.with_columns(pl.lit(None, pl.Int64).alias("start_time")))
    assert len(untimed) == 1  # 200 matches span 200,000 match ids: less than one 2M-id block


def test_mask_players_equals_hiding_the_ids(
    models: dict[str, TrainedModel], real: pl.DataFrame
) -> None:
    """Training-time masking gives exactly the inputs a draft without those ids gets."""
    state = models["logistic_regression"].state
    drafts = real.slice(1200, 100)
    hidden = mask_accounts(drafts, 0.4, seed=4)
    mask = np.column_stack([hidden[c].is_null().to_numpy() for c in ACCOUNT_COLUMNS])
    assert 0 < mask.mean() < 1

    def inputs(frame: pl.DataFrame) -> PreMatch:
        return build_from_state(to_arrays(prepare_matches(frame, require_label=False)), state)

    prior = np.array([c.prior_var for c in state.rating_configs])
    masked, direct = mask_players(inputs(drafts), mask, prior), inputs(hidden)
    for name in PreMatch.__dataclass_fields__:
        np.testing.assert_array_equal(getattr(masked, name), getattr(direct, name), err_msg=name)


def test_mask_augmentation_trains_and_stays_sane(real: pl.DataFrame) -> None:
    model = train_model(real.head(800), "logistic_regression", {"mask_augmentation": True})
    p = model.predict_proba(mask_accounts(real.slice(1200), 1.0, seed=5))
    base = float(real.head(800)["radiant_win"].mean())  # type: ignore[arg-type]
    assert abs(float(p.mean()) - base) < 0.05
    assert model.training_summary["n_features"] == len(model.specs)
