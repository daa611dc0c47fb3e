"""POST /api/v1/data/results: store match results once and roll every stored model forward."""

from __future__ import annotations

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
from backend.db.tables import MLModel, ModelStatus
from backend.ledger.scoring import count_scored
from backend.matches import MatchDataError, read_matches
from backend.results import insert_results
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


def _skips(entry: ServedModel, new: pl.DataFrame) -> tuple[int, int]:
    """Matches of an upload at or before the model's training end, and undated ones."""
    state = entry.model.state
    end = getattr(state, "training_end", None)
    if not entry.advanceable or end is None or new.height == 0:
        return 0, 0
    if state.order_key != "start_time":
        return int((new["match_id"] <= end.match_id).sum()), 0
    dated = new.filter(pl.col("start_time").is_not_null())
    start = end.start_time if end.start_time is not None else -1
    older = dated.filter(
        (pl.col("start_time") < start)
        | ((pl.col("start_time") == start) & (pl.col("match_id") <= end.match_id))
    )
    return older.height, new.height - dated.height


def roll_forward_status(model_id: str, entry: ServedModel, new: pl.DataFrame) -> ModelRollForward:
    """One models_updated item."""
    older, undated = _skips(entry, new)
    applied = int(getattr(entry.model.state, "results_applied", 0)) if entry.advanceable else 0
    return ModelRollForward(
        model_id=model_id,
        ratings_as_of=ratings_as_of(entry),
        results_applied=applied,
        skipped_older=older,
        skipped_undated=undated,
    )


async def with_roll_forward(ctx: AppContext, session: AsyncSession, info: ModelInfo) -> ModelInfo:
    """Model info plus where its served ratings stand (trained models only)."""
    if info.status != ModelStatus.ready:
        return info
    entry = await ctx.models.entry(session, info.model_id)
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


async def ingest_results(ctx: AppContext, data: bytes) -> ResultsIngested:
    """Validate the whole file first (a bad file changes nothing), then store and roll forward."""
    try:
        frame = read_matches(data, require_label=True, max_rows=ctx.settings.max_csv_matches)
    except MatchDataError as exc:
        raise data_error(exc) from exc
    # This process's recent predictions go to the ledger first, so the count below sees them
    # (scoring itself compares timestamps, so predictions written later still count).
    try:
        await ctx.ledger.flush(ctx.session_factory)
    except Exception:
        log.exception("writing the prediction ledger before an ingestion failed")
    async with transaction(ctx.session_factory) as session:
        outcome = await insert_results(session, frame)
    updates = []
    async with ctx.session_factory() as session:
        await ctx.models.refresh(session)
        for model_id in await ready_model_ids(session):
            entry = await ctx.models.entry(session, model_id)
            if entry is not None:
                updates.append(roll_forward_status(model_id, entry, outcome.inserted))
        scored = await count_scored(
            session, outcome.inserted["match_id"].to_list(), outcome.ingested_at
        )
    return ResultsIngested(
        ingested=outcome.inserted.height,
        duplicates=outcome.duplicates,
        predictions_scored=scored,
        models_updated=updates,
    )
