"""Predictions: one draft or a whole CSV file, with the active or a chosen model.

A draft or row with a place in time is served from the model's state just before that match
(``backend/serving/in_time.py``); a live draft (no match id) from the latest state.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

import numpy as np
import polars as pl
from litestar.response import Stream
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.models import batch
from backend.api.models.drafts import checked_draft, draft_arrays
from backend.api.models.overlap import training_match_ids
from backend.api.models.schemas import Factor, Prediction, PredictRequest
from backend.context import AppContext
from backend.db.registry import active_model_id
from backend.db.tables import MLModel, ModelStatus
from backend.errors import ApiError, ErrorCode
from backend.matches import CANONICAL_SCHEMA
from backend.serving.in_time import ServingPlan, plan, takes_fast_path
from backend.text import quote

if TYPE_CHECKING:
    from backend.ml import TrainedModel
    from backend.serving.store import ServedModel

log = logging.getLogger(__name__)


async def champion_id(session: AsyncSession) -> str:
    """The active model's id: the champion a promotion compares with; 409 if none is active."""
    active_id = await active_model_id(session)
    if active_id is None:
        raise ApiError(
            409,
            ErrorCode.no_active_model,
            "no model is active, so there is no champion to compare against; use PUT "
            "/api/v1/models/activate",
        )
    return active_id


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
    return (await load_entry(ctx, session, model)).model


async def load_entry(ctx: AppContext, session: AsyncSession, model: MLModel) -> ServedModel:
    """The served entry (latest model, artifact, results applied), cached per process."""
    entry = await ctx.models.entry(session, model.id)
    if entry is None:
        raise ApiError(409, ErrorCode.model_not_ready, f"model {model.id!r} has no stored artifact")
    return entry


async def frame_plan(
    ctx: AppContext, model_id: str, entry: ServedModel, frame: pl.DataFrame
) -> ServingPlan:
    """How each row of a canonical frame is served (every row has a match id); the file's
    labelled rows count as known before its later matches."""
    start = frame["start_time"].fill_null(-1).to_numpy().astype(np.int64)
    ids = frame["match_id"].to_numpy().astype(np.int64)
    known = frame.filter(pl.col("radiant_win").is_not_null())
    return await plan(ctx.models, model_id, entry, ids, start, known=known)


def draft_frame(request: PredictRequest) -> pl.DataFrame:
    """A one-row canonical frame from a draft, after checking heroes, sides and account ids.

    The checks are checked_draft's, as on the fast path (drafts.draft_arrays), which is
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


async def serving_entry(ctx: AppContext, model_id: str | None) -> tuple[str, ServedModel]:
    """The active model, or a model by id served before, from the process caches (no
    database); the first request for any other model reads its row (404/409) and admits it.

    The cached entry is the ModelStore's, i.e. the model rolled forward by stored results.
    """
    cached = ctx.active.lookup_entry(model_id)
    if cached is not None:
        return cached
    if model_id is not None:
        by_id = ctx.by_id.lookup(model_id)
        if by_id is not None:
            return model_id, by_id
    epoch = ctx.by_id.epoch  # read before the row: a delete after it is not admitted
    async with ctx.session_factory() as session:
        model = await ready_model(session, model_id)
        entry = await load_entry(ctx, session, model)
    if model.id == model_id and model_id not in ctx.by_id:
        await _admit_by_id(ctx, model_id, entry, epoch)
    return model.id, entry


async def _admit_by_id(ctx: AppContext, model_id: str, entry: ServedModel, epoch: int) -> None:
    """Serve this ready model by id without the database from the next request on; its
    one-draft look-ups built now, off the event loop, as the active model's at its load."""
    try:
        await asyncio.to_thread(entry.model.prepare_serving)
    except Exception:  # not admitted: the request itself meets the error, as before
        log.warning("preparing model %s failed", model_id, exc_info=True)
        return
    ctx.by_id.admit(model_id, entry, epoch)


async def predict_draft(ctx: AppContext, request: PredictRequest) -> Prediction:
    """Win probability of one draft: arrays straight to the model, no frame, no database.

    With a match_id that lies before results the model applied, the draft is served from
    the state just before that match (never its own or a later result).
    """
    heroes, accounts, known_accounts = draft_arrays(request.radiant, request.dire)
    model_id, entry = await serving_entry(ctx, request.model_id)
    trained = entry.model
    served = ServingPlan(trained)
    if request.match_id is not None:
        served = await plan(ctx.models, model_id, entry, np.array([request.match_id], np.int64))
    if takes_fast_path(served):
        probabilities = trained.predict_arrays(heroes, accounts)
        explained = trained.explain_arrays(heroes, accounts) if request.explain else None
    else:
        X = served.matrix(heroes, accounts)
        probabilities = trained.predict_matrix(X)
        explained = trained.explain_matrix(X) if request.explain else None
    probability = float(probabilities[0])
    factors = [Factor(**f) for f in explained[0]] if explained is not None else None
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
    ctx: AppContext,
    data: bytes,
    model_id: str | None,
    *,
    as_csv: bool,
    include_training: bool = False,
) -> Stream:
    """Predictions for every match of a file, in file order, streamed as JSON or CSV.

    Model errors (404/409) and a bad file (400) are raised here, before the first byte; the
    ledger records each chunk as it is sent, under the prediction ids its rows carry.
    """
    model_id, entry = await serving_entry(ctx, model_id)
    frame = await batch.parse_off_loop(data, ctx.settings.max_csv_matches)
    served = await frame_plan(ctx, model_id, entry, frame)
    scoring = batch.Scoring(include_training=include_training)
    if not as_csv and frame["radiant_win"].null_count() < frame.height:  # labelled: quality
        async with ctx.session_factory() as session:
            row = await session.get(MLModel, model_id)
            ids = await training_match_ids(ctx, session, row) if row is not None else None
        scoring = batch.Scoring(ids, include_training)
    return batch.stream(frame, served, model_id, ctx.ledger, as_csv=as_csv, scoring=scoring)
