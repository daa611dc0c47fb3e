"""Scoring the ledger: each model's latest prediction of a match made before its result arrived."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np
from sqlalchemy import ColumnElement, and_, func
from sqlalchemy import select as sa_select
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db.tables import MatchResult, PredictionRecord

CHUNK = 500


@dataclass(frozen=True)
class ScoredPredictions:
    """A model's scored predictions, in the order their results arrived (oldest first)."""

    probabilities: np.ndarray
    outcomes: np.ndarray  # 1.0 = radiant won
    match_ids: np.ndarray
    result_times: list[datetime]

    def __len__(self) -> int:
        return len(self.outcomes)


def _scorable() -> ColumnElement[bool]:
    """Join condition: the result of the predicted match, stored after the prediction."""
    return and_(
        col(MatchResult.match_id) == col(PredictionRecord.match_id),
        col(PredictionRecord.created_at) <= col(MatchResult.ingested_at),
    )


async def scored_predictions(session: AsyncSession, model_id: str) -> ScoredPredictions:
    """One (probability, outcome) pair per predicted match with a result, latest prediction."""
    connection = await session.connection()
    rows = (
        await connection.execute(
            sa_select(  # six columns: more than sqlmodel's typed select() takes
                col(PredictionRecord.match_id),
                col(PredictionRecord.radiant_win_probability),
                col(MatchResult.radiant_win),
                col(MatchResult.seq),
                col(MatchResult.start_time),
                col(MatchResult.ingested_at),
            )
            .join(MatchResult, _scorable())
            .where(col(PredictionRecord.model_id) == model_id)
            .order_by(
                col(PredictionRecord.match_id),
                col(PredictionRecord.created_at).desc(),
                col(PredictionRecord.id).desc(),
            )
        )
    ).all()
    latest = []
    previous = None
    for row in rows:
        if row[0] != previous:
            latest.append(row)
            previous = row[0]
    # Results in arrival order (batch), then match time, then id.
    latest.sort(key=lambda r: (r[3], r[4] if r[4] is not None else -1, r[0]))
    return ScoredPredictions(
        probabilities=np.array([r[1] for r in latest], dtype=np.float64),
        outcomes=np.array([1.0 if r[2] else 0.0 for r in latest], dtype=np.float64),
        match_ids=np.array([r[0] for r in latest], dtype=np.int64),
        result_times=[r[5] for r in latest],
    )


async def count_scored(session: AsyncSession, match_ids: list[int], at: datetime) -> int:
    """(model, match) pairs among these matches with a prediction made no later than ``at``."""
    total = 0
    for start in range(0, len(match_ids), CHUNK):
        chunk = match_ids[start : start + CHUNK]
        pairs = (
            select(col(PredictionRecord.model_id), col(PredictionRecord.match_id))
            .where(
                col(PredictionRecord.match_id).in_(chunk),
                col(PredictionRecord.created_at) <= at,
            )
            .distinct()
            .subquery()
        )
        total += int((await session.exec(select(func.count()).select_from(pairs))).one())
    return total
