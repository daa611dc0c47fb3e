"""Predictions: one draft or a whole CSV file, with the active or a chosen model."""

from __future__ import annotations

import asyncio
import csv
import io
import math
from typing import TYPE_CHECKING, Any

import numpy as np
import polars as pl
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.models.schemas import (
    CsvPredictions,
    Factor,
    MatchPrediction,
    Prediction,
    PredictionQuality,
    PredictRequest,
)
from backend.api.uploads import data_error
from backend.context import AppContext
from backend.db.tables import MLModel, ModelStatus
from backend.errors import ApiError, ErrorCode, quote
from backend.matches import (
    ACCOUNT_COLUMNS,
    CANONICAL_SCHEMA,
    MatchDataError,
    account_id,
    read_matches,
    validate_draft,
)
from backend.ml.metrics import prediction_scores

if TYPE_CHECKING:
    from backend.ml import TrainedModel


async def active_model_id(session: AsyncSession) -> str | None:
    """Read fresh on every call, so every process follows an activation at once."""
    rows = await session.exec(select(MLModel.id).where(col(MLModel.is_active)))
    return rows.first()


async def ready_model(
    session: AsyncSession, model_id: str | None, field: str = "model_id"
) -> MLModel:
    """The requested (or active) model, which must have finished training."""
    if model_id is None:
        model_id = await active_model_id(session)
        if model_id is None:
            raise ApiError(
                409,
                ErrorCode.no_active_model,
                "no model is active yet; activate one with PUT /api/v1/models/activate "
                "or pass model_id",
            )
    model = await session.get(MLModel, model_id)
    if model is None:
        raise ApiError(
            404, ErrorCode.model_not_found, f"no model with model_id {quote(model_id)}", field=field
        )
    if model.status != ModelStatus.ready:
        raise ApiError(
            409,
            ErrorCode.model_not_ready,
            f"model {quote(model_id)} is {model.status}, not ready; "
            "only trained models can be used",
            field=field,
        )
    return model


async def load_model(ctx: AppContext, session: AsyncSession, model: MLModel) -> TrainedModel:
    """The deserialised model, cached per process."""
    trained = await ctx.models.get(session, model.id)
    if trained is None:
        raise ApiError(409, ErrorCode.model_not_ready, f"model {model.id!r} has no stored artifact")
    return trained


def draft_frame(request: PredictRequest) -> pl.DataFrame:
    """A one-row canonical frame from a draft, after checking heroes and sides."""
    for side in ("radiant", "dire"):
        picks = getattr(request, side)
        if len(picks) != 5:
            raise ApiError(
                400,
                ErrorCode.invalid_draft,
                f"{side} must have exactly 5 players; got {len(picks)}",
                field=side,
            )
    try:
        radiant, dire = validate_draft(
            [p.hero_id for p in request.radiant], [p.hero_id for p in request.dire]
        )
    except MatchDataError as exc:
        raise ApiError(400, ErrorCode.invalid_draft, exc.message, field=exc.column) from exc
    row: dict[str, Any] = {"match_id": 0, "start_time": None, "radiant_win": None}
    for side, heroes, picks in (
        ("radiant", radiant, request.radiant),
        ("dire", dire, request.dire),
    ):
        for i, (hero, pick) in enumerate(zip(heroes, picks, strict=True), start=1):
            row[f"{side}_hero_{i}"] = hero
            where = f"{side}[{i - 1}].account_id"
            try:
                # The CSV reader's rule: SteamID64 converted, 0/negative/4294967295 = unknown.
                row[f"{side}_account_id_{i}"] = account_id(pick.account_id, where)
            except MatchDataError as exc:
                raise ApiError(400, ErrorCode.invalid_draft, exc.message, field=where) from exc
    return pl.DataFrame([row], schema=CANONICAL_SCHEMA)


def _winner(probability: float) -> str:
    return "radiant" if probability >= 0.5 else "dire"


async def predict_draft(
    ctx: AppContext, session: AsyncSession, request: PredictRequest
) -> Prediction:
    """Win probability of one draft."""
    frame = draft_frame(request)
    model = await ready_model(session, request.model_id)
    trained = await load_model(ctx, session, model)
    probabilities = trained.predict_proba(frame)
    probability = float(probabilities[0])
    accounts = [a for a in frame.select(ACCOUNT_COLUMNS).row(0) if a is not None]
    factors = None
    if request.explain:
        factors = [Factor(**f) for f in trained.explain(frame)[0]]
    prefix = ctx.ledger.record(
        model.id, trained, frame, probabilities, [request.match_id], "predict"
    )
    return Prediction(
        model_id=model.id,
        radiant_win_probability=probability,
        winner=_winner(probability),
        unknown_account_ids=trained.unknown_accounts(accounts),
        unknown_hero_ids=trained.unknown_heroes(
            [int(frame[c][0]) for c in frame.columns if "_hero_" in c]
        ),
        factors=factors,
        prediction_id=f"{prefix}-0" if prefix else None,
    )


def _quality(frame: pl.DataFrame, probabilities: np.ndarray) -> PredictionQuality | None:
    labelled = frame["radiant_win"].is_not_null().to_numpy()
    if not labelled.any():
        return None
    y = frame["radiant_win"].to_numpy()[labelled].astype(float)
    scores = prediction_scores(y, probabilities[labelled])
    return PredictionQuality(n_labelled=int(labelled.sum()), **scores)


async def predict_file(
    ctx: AppContext, session: AsyncSession, data: bytes, model_id: str | None
) -> CsvPredictions:
    """Predictions for every match of a file, in file order."""
    model = await ready_model(session, model_id)
    try:
        frame = read_matches(data, require_label=False, max_rows=ctx.settings.max_csv_matches)
    except MatchDataError as exc:
        raise data_error(exc) from exc
    trained = await load_model(ctx, session, model)
    probabilities = await asyncio.to_thread(trained.predict_proba, frame)
    match_ids = frame["match_id"].to_list()
    prefix = ctx.ledger.record(model.id, trained, frame, probabilities, match_ids, "predict_csv")
    predictions = [
        MatchPrediction(
            match_id=m,
            radiant_win_probability=float(p),
            winner=_winner(float(p)),
            prediction_id=f"{prefix}-{i}" if prefix else None,
        )
        for i, (m, p) in enumerate(zip(match_ids, probabilities.tolist(), strict=True))
    ]
    quality = _quality(frame, probabilities)
    return CsvPredictions(model_id=model.id, predictions=predictions, quality=quality)


def predictions_csv(result: CsvPredictions) -> str:
    """The same predictions as CSV text (for Accept: text/csv)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["match_id", "radiant_win_probability", "winner", "model_id", "prediction_id"])
    for p in result.predictions:
        probability = (
            "" if math.isnan(p.radiant_win_probability) else f"{p.radiant_win_probability:.6f}"
        )
        writer.writerow([p.match_id, probability, p.winner, result.model_id, p.prediction_id or ""])
    return out.getvalue()
