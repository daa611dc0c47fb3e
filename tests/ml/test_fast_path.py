"""The lean predict path gives the frame pipeline's predictions (to 1e-9) and explanations."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from backend.api.models.drafts import draft_arrays
from backend.api.models.schemas import PlayerPick, PredictRequest
from backend.api.models.serving import draft_frame
from backend.matches import load_default_matches
from backend.ml import TrainedModel, train_model
from backend.ml.estimators import LinearEstimator
from backend.ml.frame import ACCOUNT_COLUMNS, ANONYMOUS_ACCOUNT_ID, DIRE_HEROES, RADIANT_HEROES

TOLERANCE = 1e-9
STEAM64 = 76561197960265728
MODELS = {
    "logistic_regression": {},
    "catboost": {"iterations": 40, "depth": 4},
    "hist_gradient_boosting": {"max_iter": 20},
}


@pytest.fixture(scope="module")
def matches() -> pl.DataFrame:
    return load_default_matches()


@pytest.fixture(scope="module", params=list(MODELS))
def model(request: pytest.FixtureRequest, matches: pl.DataFrame) -> TrainedModel:
    # The earlier 90 % trains, so the later matches include players the model never saw.
    return train_model(
        matches.head(int(matches.height * 0.9)), request.param, MODELS[request.param]
    )


def _request(row: dict[str, object]) -> PredictRequest:
    def side(name: str) -> list[PlayerPick]:
        return [
            PlayerPick(hero_id=row[f"{name}_hero_{i}"], account_id=row[f"{name}_account_id_{i}"])
            for i in range(1, 6)
        ]

    return PredictRequest(radiant=side("radiant"), dire=side("dire"))


def _without_accounts(frame: pl.DataFrame, every: int) -> pl.DataFrame:
    """Every `every`-th account slot emptied, plus some anonymous placeholders."""
    exprs = []
    for k, column in enumerate(ACCOUNT_COLUMNS):
        values = frame[column].to_numpy().copy().astype(object)
        values[k % every :: every] = None
        values[(k + 1) % 7 :: 7] = ANONYMOUS_ACCOUNT_ID
        exprs.append(pl.Series(column, values.tolist(), dtype=pl.Int64))
    return frame.with_columns(exprs)


def _sklearn_reference(model: TrainedModel, frame: pl.DataFrame) -> np.ndarray:
    """predict_proba as the pipeline computed it before the dot-product shortcut."""
    estimator = model.estimator
    X = model.features(frame)
    if isinstance(estimator, LinearEstimator):
        raw = estimator.model_.decision_function(estimator._transform(X))
        return model.calibrator.transform(np.asarray(raw, dtype=np.float64))
    return model.predict_proba(frame)


@pytest.mark.parametrize("every", [0, 1, 2, 3])
def test_arrays_equal_the_frame_pipeline_on_the_bundled_set(
    model: TrainedModel, matches: pl.DataFrame, every: int
) -> None:
    frame = matches if every == 0 else _without_accounts(matches, every)
    expected = _sklearn_reference(model, frame)
    heroes = frame.select(RADIANT_HEROES + DIRE_HEROES).to_numpy().astype(np.int64)
    accounts = frame.select(ACCOUNT_COLUMNS).fill_null(-1).to_numpy().astype(np.int64)
    accounts[accounts == ANONYMOUS_ACCOUNT_ID] = -1
    got = model.predict_arrays(heroes, accounts)
    assert got.shape == expected.shape
    assert np.max(np.abs(got - expected)) <= TOLERANCE
    assert np.max(np.abs(model.predict_proba(frame) - expected)) <= TOLERANCE


def test_one_request_at_a_time_equals_the_frame_pipeline(
    model: TrainedModel, matches: pl.DataFrame
) -> None:
    sample = pl.concat([matches.tail(40), _without_accounts(matches.tail(40), 2)])
    sample = pl.concat(
        [
            sample,
            sample.with_columns(pl.lit(None, pl.Int64).alias(c) for c in ACCOUNT_COLUMNS).head(20),
        ]
    )
    for row in sample.iter_rows(named=True):
        request = _request(row)
        heroes, accounts, known = draft_arrays(request.radiant, request.dire)
        frame = draft_frame(request)
        got = model.predict_arrays(heroes, accounts)[0]
        assert abs(got - _sklearn_reference(model, frame)[0]) <= TOLERANCE
        assert abs(got - model.predict_proba(frame)[0]) <= TOLERANCE
        assert model.explain_arrays(heroes, accounts) == model.explain(frame)
        # unknown_account_ids/unknown_hero_ids are computed from exactly the frame's values.
        assert known == [a for a in frame.select(ACCOUNT_COLUMNS).row(0) if a is not None]
        assert heroes[0].tolist() == list(frame.select(RADIANT_HEROES + DIRE_HEROES).row(0))


def test_draft_arrays_check_like_the_frame_path() -> None:
    from backend.errors import ApiError

    picks = [PlayerPick(hero_id=h) for h in (1, 2, 3, 4, 5)]
    dire = [PlayerPick(hero_id=h) for h in (6, 7, 8, 9, 10)]
    bad_cases = [
        (picks[:4], dire, "radiant"),
        (picks, [*dire[:4], PlayerPick(hero_id=1)], "dire_hero_5"),
        (picks, [*dire[:4], PlayerPick(hero_id=10, account_id=2**32)], "dire[4].account_id"),
        (picks, [*dire[:4], PlayerPick(hero_id="no such hero")], "dire_hero_5"),
        (picks, [*dire[:4], PlayerPick(hero_id=0)], "dire_hero_5"),
        ([PlayerPick(hero_id=1, account_id=2**63 + 5), *picks[1:]], dire, "radiant[0].account_id"),
        (picks, [*dire[:4], PlayerPick(hero_id=10, account_id=STEAM64 - 1)], "dire[4].account_id"),
        (picks, [*dire, PlayerPick(hero_id=11)], "dire"),
        # One player twice, once as a SteamID64: the second slot is named.
        (
            [PlayerPick(hero_id=1, account_id=STEAM64 + 7), *picks[1:]],
            [*dire[:2], PlayerPick(hero_id=8, account_id=7), *dire[3:]],
            "dire[2].account_id",
        ),
    ]
    for radiant, dire_side, field in bad_cases:
        request = PredictRequest(radiant=radiant, dire=dire_side)
        with pytest.raises(ApiError) as fast:
            draft_arrays(request.radiant, request.dire)
        with pytest.raises(ApiError) as slow:
            draft_frame(request)
        assert fast.value.body.field == slow.value.body.field == field
        assert fast.value.body.message == slow.value.body.message
    heroes, accounts, known = draft_arrays(
        [PlayerPick(hero_id="Anti-Mage", account_id=ANONYMOUS_ACCOUNT_ID), *picks[1:]], dire
    )
    assert heroes.tolist() == [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]
    assert accounts.tolist() == [[-1] * 10] and known == []
    # The account rule of the CSV reader: SteamID64 converted, 0 and negatives unknown.
    odd = [
        PlayerPick(hero_id=1, account_id=STEAM64 + 87278757),
        PlayerPick(hero_id=2, account_id=0),
        PlayerPick(hero_id=3, account_id=-7),
        PlayerPick(hero_id=4, account_id=111),
        PlayerPick(hero_id=5),
    ]
    heroes, accounts, known = draft_arrays(odd, dire)
    assert accounts.tolist() == [[87278757, -1, -1, 111, -1, -1, -1, -1, -1, -1]]
    assert known == [87278757, 111]
    frame = draft_frame(PredictRequest(radiant=odd, dire=dire))
    assert [a for a in frame.select(ACCOUNT_COLUMNS).row(0) if a is not None] == known


@pytest.mark.parametrize(
    "value",
    [
        None,
        0,
        1,
        -1,
        -(2**63),
        2**63 - 1,
        87278757,
        2**32 - 2,
        2**32 - 1,
        2**32,
        STEAM64 - 1,
        STEAM64,
        STEAM64 + 1,
        STEAM64 + 2**32 - 1,
        STEAM64 + 2**32,
    ],
)
def test_the_scalar_account_rule_is_the_csv_columns_rule(value: int | None) -> None:
    """account_id (drafts, plain Python) == _accounts (CSV columns, polars), value by value."""
    from backend.matches import MatchDataError, account_id
    from backend.matches.values import _accounts

    normalised, too_big = _accounts(pl.Series([value], dtype=pl.Int64))
    if too_big[0]:
        with pytest.raises(MatchDataError):
            account_id(value)
    else:
        assert account_id(value) == normalised[0]
