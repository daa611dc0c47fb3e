"""train_model end to end on small frames: every model type, progress, round trip, explain."""

from __future__ import annotations

import json
import math

import numpy as np
import polars as pl
import pytest
from ml_testdata import draft, make_matches

from backend.ml import MODEL_TYPES, TrainedModel, TrainingDataError, train_model

FAST = {
    "logistic_regression": {},
    "catboost": {"iterations": 30, "depth": 3},
    "hist_gradient_boosting": {"max_iter": 20},
}


@pytest.fixture(scope="module")
def matches() -> pl.DataFrame:
    return make_matches(400, seed=11)


@pytest.fixture(scope="module")
def models(matches: pl.DataFrame) -> dict[str, TrainedModel]:
    return {name: train_model(matches, name, FAST[name]) for name in MODEL_TYPES}


def test_every_model_type_trains(models: dict[str, TrainedModel]) -> None:
    for name, model in models.items():
        m = model.metrics
        assert model.model_type == name
        assert m["n_train"] == 320 and m["n_holdout"] == 80
        assert 0.0 <= m["roc_auc"] <= 1.0 and 0.0 <= m["ece"] <= 1.0
        assert set(m["baseline"]) == {
            "accuracy",
            "log_loss",
            "brier",
            "roc_auc",
            "radiant_win_rate",
        }
        assert m["split"].startswith("time-ordered, latest 20% held out by start_time")
        json.loads(json.dumps(m, allow_nan=False))
        json.loads(json.dumps(model.evaluation, allow_nan=False))
        json.loads(json.dumps(model.training_summary, allow_nan=False))
        json.loads(json.dumps(model.feature_importances, allow_nan=False))
        assert len(model.evaluation["calibration"]["bins"]) == 10
        assert model.fit_seconds > 0


def test_logistic_regression_learns_the_signal(models: dict[str, TrainedModel]) -> None:
    m = models["logistic_regression"].metrics
    assert m["roc_auc"] > 0.65 and m["log_loss"] < m["baseline"]["log_loss"]


def test_importances_are_readable_and_sorted(models: dict[str, TrainedModel]) -> None:
    for model in models.values():
        imps = model.feature_importances
        assert 0 < len(imps) <= 40
        values = [i["importance"] for i in imps]
        assert values == sorted(values, reverse=True)
        assert not any("radiant_hero_" in i["feature"] or "hero_" in i["feature"] for i in imps)
    names = [i["feature"] for i in models["logistic_regression"].feature_importances]
    assert "Players' rating advantage (win log-odds)" in names


def test_summary(models: dict[str, TrainedModel], matches: pl.DataFrame) -> None:
    s = models["logistic_regression"].training_summary
    assert s["rows"] == s["matches"] == 400
    assert s["start_time_min"] == "2020-09-13T12:26:40Z"
    assert s["match_id_min"] == matches["match_id"].min()
    assert s["known_players"] == len(models["logistic_regression"].known_account_ids)
    assert 0 < s["radiant_win_rate"] < 1


def test_round_trip_gives_identical_predictions(
    models: dict[str, TrainedModel], matches: pl.DataFrame
) -> None:
    for model in models.values():
        loaded = TrainedModel.from_bytes(model.to_bytes())
        np.testing.assert_array_equal(loaded.predict_proba(matches), model.predict_proba(matches))
        assert loaded.explain(matches[:3]) == model.explain(matches[:3])
    with pytest.raises(ValueError):
        TrainedModel.from_bytes(b"not a model")


def test_explanations_sum_to_raw_log_odds(
    models: dict[str, TrainedModel], matches: pl.DataFrame
) -> None:
    rows = matches[-5:]
    for model in models.values():
        p = model.predict_proba(rows)
        for row, prob in zip(model.explain(rows, top_k=4), p, strict=True):
            kinds = [f["kind"] for f in row]
            assert kinds == ["feature"] * (len(row) - 2) + ["other", "baseline"]
            assert len(row) - 2 <= 4
            total = sum(f["contribution"] for f in row)
            # calibration "none": probability = sigmoid(raw log-odds)
            assert abs(1 / (1 + math.exp(-total)) - prob) < 1e-9
            top = [abs(f["contribution"]) for f in row[:-2]]
            assert top == sorted(top, reverse=True)


def test_explain_names_heroes(models: dict[str, TrainedModel]) -> None:
    row = draft([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [None] * 10)
    factors = models["logistic_regression"].explain(row, top_k=200)[0]
    texts = [f["factor"] for f in factors]
    assert "Radiant hero Anti-Mage" in texts or "Dire hero Bane" in texts


def test_calibrated_models_train() -> None:
    frame = make_matches(300, seed=12)
    for kind in ("sigmoid", "isotonic"):
        model = train_model(frame, "logistic_regression", {"calibration": kind})
        p = model.predict_proba(frame)
        assert np.all((p > 0) & (p < 1))
        raw = sum(f["contribution"] for f in model.explain(frame[:1])[0])
        assert abs(model.calibrator.transform(np.array([raw]))[0] - p[0]) < 1e-9


def test_progress_is_monotone_and_reaches_one() -> None:
    frame = make_matches(200, seed=13)
    for name in MODEL_TYPES:
        log: list[tuple[float, str]] = []

        def record(fraction: float, stage: str, log: list[tuple[float, str]] = log) -> None:
            log.append((fraction, stage))

        train_model(frame, name, FAST[name], progress=record)
        fractions = [f for f, _ in log]
        assert fractions == sorted(fractions) and fractions[-1] == 1.0 and log[-1][1] == "done"
        stages = " ".join(s for _, s in log)
        for stage in ("loading data", "computing player ratings", "building features"):
            assert stage in stages
        assert "evaluating on holdout" in stages and "refitting on all matches" in stages
        if name != "logistic_regression":
            assert "(iteration" in stages


def test_unknown_accounts_and_known_ids(models: dict[str, TrainedModel]) -> None:
    model = models["logistic_regression"]
    known = model.known_account_ids
    assert known == sorted(known) and all(isinstance(a, int) for a in known)
    assert model.unknown_accounts([known[0], None, 42, 42, known[1]]) == [42]
    assert set(model.player_games) == set(known)


def test_unknown_players_are_interchangeable(models: dict[str, TrainedModel]) -> None:
    heroes = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    for model in models.values():
        a = model.predict_proba(draft(heroes, [7, 8, 9, 10, 11, 12, 13, 14, 15, 16]))
        b = model.predict_proba(draft(heroes, [17, 18, 19, 20, 21, 22, 23, 24, 25, 26]))
        assert a[0] == b[0]


def test_heroes_only_data_and_switches() -> None:
    frame = make_matches(200, seed=14, accounts=False, start_time=False)
    model = train_model(frame, "logistic_regression", {"use_hero_stats": False})
    assert model.training_summary["player_features_used"] is False
    assert "match_id" in model.metrics["split"]
    assert all(i["feature"].endswith("(hero)") for i in model.feature_importances)


def test_prediction_of_one_row_and_of_many_rows_agree(
    models: dict[str, TrainedModel], matches: pl.DataFrame
) -> None:
    # Speed lives in bench/ (make bench), never in a timed test; this checks the batch path
    # gives every row the same answer as predicting it alone.
    model = models["logistic_regression"]
    one = model.predict_proba(matches[:1])
    big = pl.concat([matches] * 25)
    many = model.predict_proba(big)
    assert many.shape == (big.height,)
    assert ((many > 0) & (many < 1)).all()
    np.testing.assert_allclose(many[: matches.height], many[-matches.height :], rtol=0, atol=1e-12)
    np.testing.assert_allclose(many[0], one[0], rtol=0, atol=1e-12)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda f: f.head(40), "at least 50"),
        (lambda f: f.with_columns(pl.lit(True).alias("radiant_win")), "same winner"),
        (
            lambda f: f.with_columns(
                pl.when(pl.int_range(pl.len()) == 5)
                .then(None)
                .otherwise(pl.col("radiant_win"))
                .alias("radiant_win")
            ),
            "no radiant_win",
        ),
        (lambda f: f.with_columns(pl.lit(0, dtype=pl.Int16).alias("radiant_hero_1")), "hero ids"),
        (lambda f: f.drop("dire_hero_5"), "missing columns"),
    ],
)
def test_unusable_data(change, message: str) -> None:  # type: ignore[no-untyped-def]
    frame = change(make_matches(120, seed=15))
    with pytest.raises(TrainingDataError, match=message):
        train_model(frame, "logistic_regression", None)


def test_duplicates_are_dropped() -> None:
    frame = make_matches(100, seed=16)
    model = train_model(pl.concat([frame, frame.head(10)]), "logistic_regression", None)
    assert model.training_summary["rows"] == 110 and model.training_summary["matches"] == 100


def test_hist_gradient_boosting_walk_matches_sklearn(
    models: dict[str, TrainedModel], matches: pl.DataFrame
) -> None:
    model = models["hist_gradient_boosting"]
    X = model.features(matches)
    ours = model.estimator.decision_function(X)
    inner = model.estimator.inner  # type: ignore[attr-defined]
    theirs = (inner.model_.decision_function(X) - inner.model_.decision_function(-X)) / 2
    theirs = theirs + model.estimator.side_  # type: ignore[attr-defined]
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-9)
