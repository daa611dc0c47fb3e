"""Where each trained model's served state stands, kept in step with the stored results.

A process serves a model as its artifact advanced by every stored result after the model's
training end, in time order (``backend/serving/store.py``). So how many results that state has
applied, and its last match, depend only on the training end and on the stored results. The
table ``model_roll_forward`` keeps both per model: the training end (read from the artifact's
state when the artifact is written) and the counts as of an ingestion batch ``seq``. Every
ingestion advances the counts inside its own transaction (the counter it bumps serialises
ingestions, see ``store.py``) from its new results alone; a row that is not in step with the
previous batch (new, or written by a path that did not count) is counted once with SQL over the
stored results. A results post therefore reports every model without loading any.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl
from sqlalchemy import bindparam, func, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db.tables import MatchResult, RollForwardState
from backend.db.trained import BY_TIME, TrainingEnd


@dataclass(frozen=True)
class Position:
    """A model's served state as of one ingestion batch."""

    end: TrainingEnd
    seq: int
    results_applied: int
    as_of_match_id: int | None  # the last match applied (the training end when none)
    as_of_start_time: int | None  # its start time, for a model ordered by time


def _end(row: RollForwardState) -> TrainingEnd:
    return TrainingEnd(row.advanceable, row.order_key, row.end_match_id, row.end_start_time)


def position_of(row: RollForwardState) -> Position:
    """A stored row as a Position (as of batch ``row.seq``)."""
    end = _end(row)
    if not end.advanceable:
        return Position(end, row.seq, 0, None, None)
    if row.results_applied == 0 or row.as_of_match_id is None:
        return Position(end, row.seq, 0, end.match_id, end.start_time)
    return Position(end, row.seq, row.results_applied, row.as_of_match_id, row.as_of_start_time)


def _after_end(
    end: TrainingEnd, match_id: np.ndarray, start: np.ndarray, dated: np.ndarray
) -> np.ndarray:
    """Rows a state with this training end applies (the rule of rollforward.applicable)."""
    t_end, m_end = end.key()
    if end.order_key != BY_TIME:
        return match_id > m_end
    return dated & ((start > t_end) | ((start == t_end) & (match_id > m_end)))


def _latest(match_id: np.ndarray, start: np.ndarray, by_time: bool) -> tuple[int, int | None]:
    """The last of these rows in the model's time order: (match_id, start_time)."""
    if not by_time:
        return int(match_id.max()), None
    top = start.max()
    return int(match_id[start == top].max()), int(top)


@dataclass(frozen=True)
class Batch:
    """A batch's new results as arrays (converted once for every model)."""

    match_id: np.ndarray
    start: np.ndarray  # 0 where undated
    dated: np.ndarray

    @classmethod
    def of(cls, new: pl.DataFrame) -> Batch:
        return cls(
            new["match_id"].to_numpy().astype(np.int64),
            new["start_time"].fill_null(0).to_numpy().astype(np.int64),
            new["start_time"].is_not_null().to_numpy(),
        )


def _advanced(position: Position, seq: int, batch: Batch) -> Position:
    """The position after one batch of new results (the previous batch already counted)."""
    end = position.end
    if not end.advanceable or len(batch.match_id) == 0:
        return Position(end, seq, position.results_applied, *_as_of(position))
    match_id, start, dated = batch.match_id, batch.start, batch.dated
    by_time = end.order_key == BY_TIME
    take = _after_end(end, match_id, start, dated)
    if not take.any():
        return Position(end, seq, position.results_applied, *_as_of(position))
    m, t = _latest(match_id[take], start[take], by_time)
    old_m, old_t = _as_of(position)
    assert old_m is not None
    old_key = ((old_t if old_t is not None else -1) if by_time else 0, old_m)
    if ((t if t is not None else -1) if by_time else 0, m) < old_key:
        m, t = old_m, old_t
    return Position(end, seq, position.results_applied + int(take.sum()), m, t)


def _as_of(position: Position) -> tuple[int | None, int | None]:
    return position.as_of_match_id, position.as_of_start_time


async def _counted(session: AsyncSession, end: TrainingEnd, seq: int) -> Position:
    """The position counted over every stored result (for a row not in step)."""
    if not end.advanceable:
        return Position(end, seq, 0, None, None)
    t_end, m_end = end.key()
    match_id, start = col(MatchResult.match_id), col(MatchResult.start_time)
    if end.order_key != BY_TIME:
        count, latest = (
            await session.exec(select(func.count(), func.max(match_id)).where(match_id > m_end))
        ).one()
        if not count:
            return Position(end, seq, 0, end.match_id, end.start_time)
        return Position(end, seq, int(count), int(latest), None)
    after = start.is_not(None) & ((start > t_end) | ((start == t_end) & (match_id > m_end)))
    count = int((await session.exec(select(func.count()).where(after))).one())
    if count == 0:
        return Position(end, seq, 0, end.match_id, end.start_time)
    last = (
        await session.exec(
            select(MatchResult.match_id, MatchResult.start_time)
            .where(after)
            .order_by(start.desc(), match_id.desc())
            .limit(1)
        )
    ).one()
    match, time = last
    assert time is not None  # the query takes dated results only
    return Position(end, seq, count, int(match), int(time))


async def advance_positions(
    session: AsyncSession, seq: int, new: pl.DataFrame
) -> dict[str, Position]:
    """Every model's position after batch ``seq`` (its new results ``new``); call in the
    ingestion's transaction, after the batch's rows are inserted."""
    rows = (await session.exec(select(RollForwardState))).all()
    positions: dict[str, Position] = {}
    batch = Batch.of(new)
    for row in rows:
        position = position_of(row)
        if row.seq == seq - 1:  # counted up to the previous batch: add this one's results
            positions[row.model_id] = _advanced(position, seq, batch)
        else:  # new (or counted by nobody since some batch): count the stored results once
            positions[row.model_id] = await _counted(session, position.end, seq)
    if positions:
        table = RollForwardState.__table__  # type: ignore[attr-defined]
        statement = (
            update(table)
            .where(table.c.model_id == bindparam("b_model_id"))
            .values(
                seq=bindparam("b_seq"),
                results_applied=bindparam("b_applied"),
                as_of_match_id=bindparam("b_match_id"),
                as_of_start_time=bindparam("b_start_time"),
            )
        )
        params = [
            {
                "b_model_id": model_id,
                "b_seq": p.seq,
                "b_applied": p.results_applied,
                "b_match_id": p.as_of_match_id,
                "b_start_time": p.as_of_start_time,
            }
            for model_id, p in positions.items()
        ]
        connection = await session.connection()
        await connection.execute(statement, params)
    return positions


async def stored_positions(session: AsyncSession) -> dict[str, Position]:
    """Every model's position as last counted (no update)."""
    rows = (await session.exec(select(RollForwardState))).all()
    return {row.model_id: position_of(row) for row in rows}
