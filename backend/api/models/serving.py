"""Predictions: one draft or a whole CSV file, with the active or a chosen model."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import polars as pl
from litestar.response import Stream
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.models import batch
from backend.api.models.fast_path import draft_arrays
from backend.api.models.schemas import Factor, Prediction, PredictRequest
from backend.context import AppContext
from backend.db.tables import MLModel, ModelStatus
from backend.errors import ApiError, ErrorCode
from backend.matches import CANONICAL_SCHEMA, MatchDataError, validate_draft

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
            404, ErrorCode.model_not_found, f"no model with model_id {model_id!r}", field=field
        )
    if model.status != ModelStatus.ready:
        raise ApiError(
            409,
            ErrorCode.model_not_ready,
            f"model {model_id!r} is {model.status}, not ready; only trained models can be used",
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
    """A one-row canonical frame from a draft, after checking heroes and sides.

    The reference the lean path (fast_path.draft_arrays) is tested against.
    """
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
            account = pick.account_id
            if account is not None and not 0 < account < 2**32:
                raise ApiError(
                    400,
                    ErrorCode.invalid_draft,
                    f"{side}[{i - 1}].account_id must be a 32-bit Steam account id; got {account}",
                    field=f"{side}[{i - 1}].account_id",
                )
            row[f"{side}_account_id_{i}"] = account
    return pl.DataFrame([row], schema=CANONICAL_SCHEMA)


def _winner(probability: float) -> str:
    return "radiant" if probability >= 0.5 else "dire"


async def serving_model(ctx: AppContext, model_id: str | None) -> tuple[str, TrainedModel]:
    """The cached active model without touching the database; other models through it."""
    cached = ctx.active.lookup(model_id)
    if cached is not None:
        return cached.model_id, cached.model
    async with ctx.session_factory() as session:
        model = await ready_model(session, model_id)
        return model.id, await load_model(ctx, session, model)


async def note_activation(ctx: AppContext, session: AsyncSession, model_id: str) -> None:
    """After PUT activate: this process serves the new model from its next request on."""
    ctx.active.pin(model_id, await load_model(ctx, session, await ready_model(session, model_id)))


async def predict_draft(ctx: AppContext, request: PredictRequest) -> Prediction:
    """Win probability of one draft: arrays straight to the model, no frame, no database."""
    heroes, accounts, raw_accounts = draft_arrays(request.radiant, request.dire)
    model_id, trained = await serving_model(ctx, request.model_id)
    probability = float(trained.predict_arrays(heroes, accounts)[0])
    factors = None
    if request.explain:
        factors = [Factor(**f) for f in trained.explain_arrays(heroes, accounts)[0]]
    return Prediction(
        model_id=model_id,
        radiant_win_probability=probability,
        winner=_winner(probability),
        unknown_account_ids=trained.unknown_accounts(raw_accounts),
        factors=factors,
    )


async def predict_file(
    ctx: AppContext, data: bytes, model_id: str | None, *, as_csv: bool
) -> Stream:
    """Predictions for every match of a file, in file order, streamed as JSON or CSV."""
    model_id, trained = await serving_model(ctx, model_id)
    frame = await batch.parse_off_loop(data, ctx.settings.max_csv_matches)
    return batch.stream(frame, trained, model_id, as_csv)
