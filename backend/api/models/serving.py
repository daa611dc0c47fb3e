"""Predictions: one draft or a whole CSV file, with the active or a chosen model."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import polars as pl
from litestar.response import Stream
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.models import batch
from backend.api.models.fast_path import checked_draft, draft_arrays
from backend.api.models.schemas import Factor, Prediction, PredictRequest
from backend.context import AppContext
from backend.db.tables import MLModel, ModelStatus
from backend.errors import ApiError, ErrorCode, quote
from backend.matches import CANONICAL_SCHEMA

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
    """A one-row canonical frame from a draft, after checking heroes, sides and account ids.

    The checks are checked_draft's, as on the lean path (fast_path.draft_arrays), which is
    tested against this frame.
    """
    draft = checked_draft(request.radiant, request.dire)
    row: dict[str, Any] = {"match_id": 0, "start_time": None, "radiant_win": None}
    for k, side in enumerate(("radiant", "dire")):
        for i in range(1, 6):
            row[f"{side}_hero_{i}"] = draft.heroes[5 * k + i - 1]
            row[f"{side}_account_id_{i}"] = draft.accounts[5 * k + i - 1]
    return pl.DataFrame([row], schema=CANONICAL_SCHEMA)


def _winner(probability: float) -> str:
    return "radiant" if probability >= 0.5 else "dire"


async def serving_model(ctx: AppContext, model_id: str | None) -> tuple[str, TrainedModel]:
    """The active model from the process cache (no database); any other model through it.

    The cached object is the ModelStore's, i.e. the model rolled forward by stored results.
    """
    cached = ctx.active.lookup(model_id)
    if cached is not None:
        return cached.model_id, cached.model
    async with ctx.session_factory() as session:
        model = await ready_model(session, model_id)
        return model.id, await load_model(ctx, session, model)


async def predict_draft(ctx: AppContext, request: PredictRequest) -> Prediction:
    """Win probability of one draft: arrays straight to the model, no frame, no database."""
    heroes, accounts, known_accounts = draft_arrays(request.radiant, request.dire)
    model_id, trained = await serving_model(ctx, request.model_id)
    probabilities = trained.predict_arrays(heroes, accounts)
    probability = float(probabilities[0])
    factors = None
    if request.explain:
        factors = [Factor(**f) for f in trained.explain_arrays(heroes, accounts)[0]]
    # The ledger keeps references to these arrays; rows are built in the background.
    prefix = ctx.ledger.record_arrays(
        model_id, trained, heroes, accounts, probabilities, [request.match_id], "predict"
    )
    return Prediction(
        model_id=model_id,
        radiant_win_probability=probability,
        winner=_winner(probability),
        unknown_account_ids=trained.unknown_accounts(known_accounts),
        unknown_hero_ids=trained.unknown_heroes(heroes[0].tolist()),
        factors=factors,
        prediction_id=f"{prefix}-0" if prefix else None,
    )


async def predict_file(
    ctx: AppContext, data: bytes, model_id: str | None, *, as_csv: bool
) -> Stream:
    """Predictions for every match of a file, in file order, streamed as JSON or CSV.

    Model errors (404/409) and a bad file (400) are raised here, before the first byte; the
    ledger records each chunk as it is sent, under the prediction ids its rows carry.
    """
    model_id, trained = await serving_model(ctx, model_id)
    frame = await batch.parse_off_loop(data, ctx.settings.max_csv_matches)
    return batch.stream(frame, trained, model_id, ctx.ledger, as_csv=as_csv)
