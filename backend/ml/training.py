"""Train a model: time-ordered holdout evaluation, then a refit on all matches for serving."""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import polars as pl

from backend.ml.calibration import Calibrator
from backend.ml.curves import training_curve
from backend.ml.estimators import Estimator
from backend.ml.explain import hero_names, importances
from backend.ml.features import FeatureConfig, build_matrix
from backend.ml.frame import NO_TIME, UNKNOWN, to_arrays
from backend.ml.history import PreMatch, build_online, mask_players
from backend.ml.metrics import evaluation_curves, holdout_metrics
from backend.ml.model_types import MODEL_TYPES, validate_hyperparameters
from backend.ml.ordering import holdout_size, match_days, split_description, time_order
from backend.ml.progress import Progress, ProgressCallback
from backend.ml.ratings import RatingConfig, match_waves, tune_rating_config
from backend.ml.trained_model import HOLDOUT_DTYPE, TrainedModel
from backend.ml.training_data import TrainingDataError, check_training_data, data_summary

CALIBRATION_TAIL = 0.2  # share of the fitting rows (the latest) used to fit calibration
IMPORTANCE_ROWS = 2000  # latest matches used for the mean-|contribution| importances


def _fit(
    model_type: str,
    hp: dict[str, Any],
    numeric: np.ndarray,
    X: np.ndarray,
    y: np.ndarray,
    progress: Progress,
    lo: float,
    hi: float,
    label: str,
) -> tuple[Estimator, Calibrator]:
    """Fit an estimator; with calibration, first fit on the head to calibrate on the tail.

    The calibration map is learned from out-of-time predictions (a model fitted on the
    earlier 80% predicting the latest 20%) and then applied to the model refitted on all rows.
    """
    kind = hp["calibration"]
    n_tail = round(len(y) * CALIBRATION_TAIL)
    tail = y[len(y) - n_tail :]
    if kind != "none" and n_tail >= 10 and 0 < tail.sum() < n_tail:
        mid = lo + (hi - lo) / 2
        head = MODEL_TYPES[model_type].make_estimator(hp, numeric)
        head.fit(X[:-n_tail], y[:-n_tail], progress.span(lo, mid, label + ", calibration model"))
        calibrator = Calibrator(kind).fit(head.decision_function(X[-n_tail:]), tail)
        lo = mid
    else:
        calibrator = Calibrator("none")
    estimator = MODEL_TYPES[model_type].make_estimator(hp, numeric)
    estimator.fit(X, y, progress.span(lo, hi, label))
    return estimator, calibrator


FULLY_MASKED_SHARE = 0.25  # augmented copies with every account id hidden (heroes-only drafts)


def random_masks(n: int, seed: int) -> np.ndarray:
    """(n, 10) bool: slots to hide in the augmented copy of each match.

    A quarter of the copies hide every id; the rest hide each slot with a per-match rate drawn
    uniformly from [0, 1], so every share of missing ids on either side is represented.
    """
    rng = np.random.default_rng(seed)
    rate = rng.uniform(0.0, 1.0, n)
    rate[rng.random(n) < FULLY_MASKED_SHARE] = 1.0
    return rng.random((n, 10)) < rate[:, None]


def augmented(
    X: np.ndarray,
    pre: PreMatch,
    config: FeatureConfig,
    prior_var: np.ndarray,
    seed: int,
    dtype: type = np.float64,
) -> np.ndarray:
    """Rows 2t and 2t+1: match t as given and with random ids hidden (time order kept).

    ``dtype`` float32 for an estimator that reads float32 anyway (CatBoost): the same values it
    would convert to itself, at half the memory (1.4 GB less at 1M matches).
    """
    masked, _ = build_matrix(mask_players(pre, random_masks(len(X), seed), prior_var), config)
    out: np.ndarray = np.empty((2 * len(X), X.shape[1]), dtype=dtype)
    out[0::2], out[1::2] = X, masked
    return out


def _tune_ratings(
    accounts: np.ndarray, y: np.ndarray, days: np.ndarray, waves: np.ndarray
) -> tuple[RatingConfig, float | None]:
    """Rating constants chosen on the given (training-part) matches only."""
    players = np.unique(accounts[accounts != UNKNOWN])
    idx = np.where(accounts != UNKNOWN, np.searchsorted(players, accounts), -1)
    config, loss = tune_rating_config(idx, y, days, len(players), waves)
    return config, (loss if np.isfinite(loss) else None)


def train_model(
    matches: pl.DataFrame,
    model_type: str,
    hyperparameters: dict[str, Any] | None,
    progress: ProgressCallback | None = None,
    *,
    evaluate: bool = True,
) -> TrainedModel:
    """Evaluate on the latest matches (time-ordered holdout), then refit on all for serving.

    1. Matches are ordered by start_time (match_id if any start_time is missing).
    2. Rating constants are tuned on the training part only (prequential log-loss).
    3. One walk-forward pass builds each match's features from strictly earlier matches; holdout
       matches therefore use earlier holdout results too, exactly as ratings would be updated
       in production, but never their own result.
    4. The model is fitted on the training part and scored on the holdout (metrics/evaluation);
       ``evaluate=False`` skips this (empty metrics) for callers that score it themselves.
    5. The served model is refitted on all matches with the same settings; its player and hero
       state is the state after the last match, so it uses the freshest data.
    """
    started = time.perf_counter()
    report = Progress(progress)
    report(0.0, "loading data")
    hp = validate_hyperparameters(model_type, hyperparameters)
    frame, input_rows = check_training_data(matches)
    frame, order_key = time_order(frame)
    n_train = frame.height - holdout_size(frame.height, hp["holdout_fraction"])
    arrays = to_arrays(frame)
    days = match_days(frame, order_key)
    held_ids = arrays.match_id[n_train:].copy()  # the holdout predictions' keys
    held_times = (
        arrays.start_time[n_train:].copy()
        if arrays.start_time is not None
        else np.full(len(held_ids), NO_TIME, dtype=np.int64)
    )
    y = arrays.radiant_win
    assert y is not None
    if y[:n_train].min() == y[:n_train].max():
        raise TrainingDataError("the training part (earliest matches) has only one outcome")
    has_accounts = bool((arrays.accounts != UNKNOWN).any())
    use_players = bool(hp["use_player_features"]) and has_accounts

    report(0.03, "computing player ratings")
    # One schedule of the rating passes for the tuning (training part) and the full pass.
    waves = match_waves(arrays.accounts)
    rating, prequential = RatingConfig(), None
    if use_players:
        rating, prequential = _tune_ratings(
            arrays.accounts[:n_train], y[:n_train], days[:n_train], waves[:n_train]
        )
    report(0.10, "building features")
    pre, state = build_online(
        arrays,
        days,
        (rating,),
        order_key=order_key,
        waves=waves,
        hero_half_life_days=hp["hero_stats_half_life_days"] if hp["use_hero_stats"] else 0.0,
    )
    trained_on = data_summary(frame, input_rows, len(state.accounts))
    del arrays, frame, days  # large inputs are freed as soon as they are used up
    config = FeatureConfig(use_player_features=use_players, use_hero_stats=hp["use_hero_stats"])
    X, specs = build_matrix(pre, config)
    numeric = np.array([s.hero_id is None for s in specs])

    # Fitting rows: with augmentation each match twice (as given, ids partly hidden), so the
    # calibration tail is the latest matches with and without ids.
    X_fit, y_fit, per_match = X, y, 1
    if use_players and hp["mask_augmentation"]:
        prior = np.array([rating.prior_var])
        dtype = getattr(MODEL_TYPES[model_type].make_estimator(hp, numeric), "input_dtype", None)
        X_fit = augmented(X, pre, config, prior, int(hp["random_seed"]), dtype or np.float64)
        y_fit, per_match = np.repeat(y, 2), 2
    del pre
    metrics: dict[str, Any] = {}
    evaluation: dict[str, Any] = {}
    holdout: np.ndarray | None = None
    if evaluate:  # evaluate=False: the caller scores the model elsewhere (e.g. evaluate.py)
        report(0.15, "fitting")
        k = per_match * n_train
        est, cal = _fit(
            model_type, hp, numeric, X_fit[:k], y_fit[:k], report, 0.15, 0.55, "fitting"
        )
        report(0.55, "evaluating on holdout")
        p_hold = cal.transform(est.decision_function(X[n_train:]))
        y_hold = y[n_train:]
        train_rate = float(y[:n_train].mean())
        split = split_description(order_key, hp["holdout_fraction"])
        metrics = holdout_metrics(y_hold, p_hold, train_rate, n_train, split)
        evaluation = evaluation_curves(y_hold, p_hold)
        holdout = np.empty(len(y_hold), dtype=HOLDOUT_DTYPE)
        holdout["match_id"], holdout["start_time"] = held_ids, held_times
        holdout["radiant_win"], holdout["p"] = y_hold, p_hold
        report(0.57, "computing the training curve")
        curve = training_curve(est, X_fit[:k], y_fit[:k], X[n_train:], y_hold)
        if curve is not None:
            evaluation["training_curve"] = curve

    report(0.6, "refitting on all matches")
    est, cal = _fit(
        model_type, hp, numeric, X_fit, y_fit, report, 0.6, 0.95, "refitting on all matches"
    )
    report(0.95, "computing feature importances")
    names = hero_names(specs)
    contrib, _ = est.contributions(X[-IMPORTANCE_ROWS:])

    summary = {
        **trained_on,
        "order_key": order_key,
        "player_features_used": use_players,
        "rating_prior_var": rating.prior_var if use_players else None,
        "rating_drift_var": rating.drift_var if use_players else None,
        "rating_time_var": rating.time_var if use_players else None,
        "rating_prequential_log_loss": prequential,
        "n_features": int(X.shape[1]),
    }
    model = TrainedModel(
        model_type=model_type,
        hyperparameters=hp,
        metrics=metrics,
        evaluation=evaluation,
        feature_importances=importances(contrib, specs, names),
        training_summary=summary,
        fit_seconds=0.0,
        state=state,
        feature_config=config,
        specs=specs,
        hero_names=names,
        estimator=est,
        calibrator=cal,
        holdout=holdout,
    )
    model.fit_seconds = float(time.perf_counter() - started)
    report(1.0, "done")
    return model
