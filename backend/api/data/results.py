"""POST /api/v1/data/results: store match results once and roll the stored models forward."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

import polars as pl
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.data.schemas import ModelRollForward, ResultsIngested
from backend.api.models.schemas import ModelInfo, RatingsAsOf
from backend.api.uploads import data_error
from backend.context import AppContext
from backend.db.engine import transaction
from backend.db.inserts import insert_ignoring_conflicts
from backend.db.tables import MLModel, ModelArtifact, ModelStatus, RollForwardState
from backend.db.trained import TrainingEnd, new_state_row, training_end_of
from backend.ledger.scoring import count_scored
from backend.matches import MatchDataError, read_matches
from backend.results import insert_results, results_version
from backend.results.positions import (
    Position,
    position_of,
)
from backend.serving.store import ServedModel

log = logging.getLogger(__name__)


def ratings_as_of(entry: ServedModel) -> RatingsAsOf | None:
    """The last match in a served model's ratings, for responses."""
    position = getattr(entry.model.state, "ratings_as_of", None)
    if not entry.advanceable or position is None:
        return None
    start = position.start_time
    return RatingsAsOf(
        match_id=position.match_id,
        start_time=datetime.fromtimestamp(start, UTC) if start is not None else None,
    )


def _skips(end: TrainingEnd, new: pl.DataFrame) -> tuple[int, int]:
    """Matches of an upload at or before the model's training end, and undated ones."""
    if not end.advanceable or end.match_id is None or new.height == 0:
        return 0, 0
    if end.order_key != "start_time":
        return int((new["match_id"] <= end.match_id).sum()), 0
    dated = new.filter(pl.col("start_time").is_not_null())
    start = end.start_time if end.start_time is not None else -1
    older = dated.filter(
        (pl.col("start_time") < start)
        | ((pl.col("start_time") == start) & (pl.col("match_id") <= end.match_id))
    )
    return older.height, new.height - dated.height


def roll_forward_status(model_id: str, position: Position, new: pl.DataFrame) -> ModelRollForward:
    """One models_updated item, from the stored position (no model is loaded)."""
    older, undated = _skips(position.end, new)
    as_of = None
    if position.end.advanceable and position.as_of_match_id is not None:
        start = position.as_of_start_time
        as_of = RatingsAsOf(
            match_id=position.as_of_match_id,
            start_time=datetime.fromtimestamp(start, UTC) if start is not None else None,
        )
    return ModelRollForward(
        model_id=model_id,
        ratings_as_of=as_of,
        results_applied=position.results_applied,
        skipped_older=older,
        skipped_undated=undated,
    )


async def with_roll_forward(ctx: AppContext, session: AsyncSession, info: ModelInfo) -> ModelInfo:
    """Model info plus where its served ratings stand (trained models only).

    A model this process serves reports its own state; another one its stored position when
    that is counted up to the stored results (no load), else it is loaded as before.
    """
    if info.status != ModelStatus.ready:
        return info
    entry = ctx.models.cached().get(info.model_id)
    if entry is None:
        row = await session.get(RollForwardState, info.model_id)
        version = await results_version(session)
        if row is not None and (row.seq == version or version == 0):
            status = roll_forward_status(info.model_id, position_of(row), pl.DataFrame())
            return info.model_copy(
                update={
                    "ratings_as_of": status.ratings_as_of,
                    "results_applied": status.results_applied,
                }
            )
    entry = entry or await ctx.models.entry(session, info.model_id)
    if entry is None:
        return info
    applied = int(getattr(entry.model.state, "results_applied", 0)) if entry.advanceable else 0
    return info.model_copy(
        update={"ratings_as_of": ratings_as_of(entry), "results_applied": applied}
    )


async def ready_model_ids(session: AsyncSession) -> list[str]:
    """Every trained model, oldest first."""
    rows = await session.exec(
        select(MLModel.id)
        .where(MLModel.status == ModelStatus.ready)
        .order_by(col(MLModel.created_at), col(MLModel.id))
    )
    return list(rows.all())


async def _training_end(ctx: AppContext, model_id: str) -> TrainingEnd | None:
    """A model's training end from its artifact (cached model: no I/O); None if unloadable."""
    entry = ctx.models.cached().get(model_id)
    if entry is not None:
        return training_end_of(entry.artifact.state)
    async with ctx.session_factory() as session:
        artifact = await session.get(ModelArtifact, model_id)
    if artifact is None:
        return None
    from backend.ml import TrainedModel
    from backend.ml.artifacts import ArtifactError

    try:
        model = await asyncio.to_thread(TrainedModel.from_bytes, artifact.content, artifact.sha256)
    except ArtifactError as exc:
        log.error("model %s: artifact refused, left out of models_updated: %s", model_id, exc)
        return None
    return training_end_of(model.state)


async def record_training_ends(ctx: AppContext) -> None:
    """Roll-forward rows for ready models stored before they existed (migration 0017).

    Each such model's artifact is read once, ever (the row is shared by every process); models
    trained or imported since get theirs with the artifact.
    """
    async with ctx.session_factory() as session:
        have = set((await session.exec(select(RollForwardState.model_id))).all())
        missing = [m for m in await ready_model_ids(session) if m not in have]
    rows = []
    for model_id in missing:
        end = await _training_end(ctx, model_id)
        if end is not None:
            rows.append(new_state_row(model_id, end).model_dump())
    if not rows:
        return
    async with transaction(ctx.session_factory) as session:
        table = RollForwardState.__table__  # type: ignore[attr-defined]
        await session.exec(insert_ignoring_conflicts(session, table, ["model_id"]), params=rows)


def _read(data: bytes, max_rows: int) -> pl.DataFrame:
    return read_matches(data, require_label=True, max_rows=max_rows)


async def ingest_results(ctx: AppContext, data: bytes) -> ResultsIngested:
    """Validate the whole file first (a bad file changes nothing), then store and roll forward.

    The cost is that of the new results: no model is loaded for the answer (each model's
    position is advanced in the storing transaction, ``backend/results/positions.py``); only
    models this process already serves are advanced, incrementally and off the event loop. A
    model loaded later replays the stored results then (``ModelStore``), so every process
    serves artifact + stored results in time order.
    """
    try:
        frame = await asyncio.to_thread(_read, data, ctx.settings.max_csv_matches)
    except MatchDataError as exc:
        raise data_error(exc) from exc
    # This process's recent predictions go to the ledger first, so the count below sees them
    # (scoring itself compares timestamps, so predictions written later still count).
    try:
        await ctx.ledger.flush(ctx.session_factory)
    except Exception:
        log.exception("writing the prediction ledger before an ingestion failed")
    await record_training_ends(ctx)
    async with transaction(ctx.session_factory) as session:
        outcome = await insert_results(session, frame)
    async with ctx.session_factory() as session:
        await ctx.models.refresh(session)  # the models served here, from their last result
        ready = await ready_model_ids(session)
        scored = await count_scored(
            session, outcome.inserted["match_id"].to_list(), outcome.ingested_at
        )
    updates = [
        roll_forward_status(model_id, outcome.positions[model_id], outcome.inserted)
        for model_id in ready
        if model_id in outcome.positions
    ]
    return ResultsIngested(
        ingested=outcome.inserted.height,
        duplicates=outcome.duplicates,
        predictions_scored=scored,
        models_updated=updates,
    )
