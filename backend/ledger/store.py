"""The ledger's storage: a prediction_batches row per model per flush, its rows packed in one array.

Packing is what keeps recording cheap: a 10k-row file becomes one insert of ~0.5 MB instead of
10k rows with their index entries (an embedded SQLite pays ~6 µs a row for those, a seventh of
what the prediction itself costs). Readers unpack the batches they need; the batch columns
(model, time span, match-id range) let them skip the others in SQL.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
from sqlalchemy import ColumnElement, delete, func, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db.inserts import insert_ignoring_conflicts
from backend.db.tables import PredictionBatch

FORMAT = 1
NO_MATCH = -1  # match_id of a prediction made without one (match ids are 0 or more)
# A packed row: little-endian, fixed layout (FORMAT 1; a new layout needs a new FORMAT).
ROW = np.dtype(
    [
        ("match_id", "<i8"),  # NO_MATCH when unknown
        ("created_us", "<i8"),  # when it was served, POSIX microseconds
        ("probability", "<f8"),  # radiant win probability
        ("request", "<u4"),  # index into the batch's requests
        ("row", "<u4"),  # row within its request: the prediction id is f"{prefix}-{row}"
        ("unknown_players", "u1"),  # of the 10 players, how many the model has no state for
        ("unseen_heroes", "u1"),  # of the 10 heroes, how many its training data lacks
        ("heroes", "<i2", (10,)),  # radiant 1-5, dire 1-5
    ]
)
TABLE = PredictionBatch.__table__  # type: ignore[attr-defined]
GROUP_ROWS = 250_000  # rows a reader unpacks at a time (~14 MB)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def to_us(moment: datetime) -> int:
    """POSIX microseconds of a datetime (naive = UTC, as SQLite returns them)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return (aware - _EPOCH) // timedelta(microseconds=1)


def from_us(us: int) -> datetime:
    """The UTC datetime of POSIX microseconds."""
    return _EPOCH + timedelta(microseconds=int(us))


@dataclass(frozen=True)
class Batch:
    """A batch of recorded predictions of one model."""

    id: str
    model_id: str
    requests: list[list[str]]  # [prediction id prefix, source] per request
    rows: np.ndarray  # ROW

    def values(self) -> dict[str, Any]:
        """The prediction_batches row."""
        matches = self.rows["match_id"]
        known = matches[matches != NO_MATCH]
        created = self.rows["created_us"]
        return {
            "id": self.id,
            "model_id": self.model_id,
            "n_rows": len(self.rows),
            "match_min": int(known.min()) if known.size else None,
            "match_max": int(known.max()) if known.size else None,
            "first_at": from_us(created.min()),
            "last_at": from_us(created.max()),
            "requests": self.requests,
            "payload_format": FORMAT,
            "payload": self.rows.tobytes(),
        }


def unpack(record: PredictionBatch) -> Batch:
    """A stored batch with its rows."""
    if record.payload_format != FORMAT:
        raise ValueError(f"ledger batch {record.id}: payload format {record.payload_format}?")
    rows = np.frombuffer(record.payload, dtype=ROW)
    return Batch(id=record.id, model_id=record.model_id, requests=record.requests, rows=rows)


async def write_batches(session: AsyncSession, batches: Sequence[Batch]) -> None:
    """Insert batches in the session's transaction; a batch whose id is stored is skipped (so
    repeating a flush whose commit went through writes nothing twice)."""
    if batches:
        statement = insert_ignoring_conflicts(session, TABLE, ["id"])
        await session.exec(statement.values([batch.values() for batch in batches]))


async def read_batches(
    session: AsyncSession, *conditions: ColumnElement[bool], newest_first: bool = False
) -> list[Batch]:
    """Stored batches matching the conditions, by time (oldest first unless newest_first)."""
    order = (col(PredictionBatch.last_at), col(PredictionBatch.id))
    statement = select(PredictionBatch).where(*conditions)
    if newest_first:
        statement = statement.order_by(*(c.desc() for c in order))
    else:
        statement = statement.order_by(*order)
    return [unpack(record) for record in (await session.exec(statement)).all()]


async def batch_groups(
    session: AsyncSession,
    *conditions: ColumnElement[bool],
    newest_first: bool = False,
    group_rows: int | None = None,
) -> AsyncGenerator[list[Batch], None]:
    """read_batches() a group of about ``group_rows`` rows at a time, in the same order: a
    reader of a big ledger holds one group of payloads, not all of them."""
    order = (col(PredictionBatch.last_at), col(PredictionBatch.id))
    statement = select(PredictionBatch.id, PredictionBatch.n_rows).where(*conditions)
    if newest_first:
        statement = statement.order_by(*(c.desc() for c in order))
    else:
        statement = statement.order_by(*order)
    index = (await session.exec(statement)).all()
    group_rows = GROUP_ROWS if group_rows is None else group_rows
    start = 0
    while start < len(index):
        stop, rows = start, 0
        while stop < len(index) and (rows < group_rows or stop == start):
            rows += index[stop][1]
            stop += 1
        ids = [batch_id for batch_id, _ in index[start:stop]]
        yield await read_batches(
            session, col(PredictionBatch.id).in_(ids), newest_first=newest_first
        )
        start = stop


def of_model(model_id: str) -> ColumnElement[bool]:
    return col(PredictionBatch.model_id) == model_id


async def count_served(session: AsyncSession, model_id: str) -> int:
    """Predictions recorded for a model."""
    total = await session.exec(
        select(func.coalesce(func.sum(col(PredictionBatch.n_rows)), 0)).where(of_model(model_id))
    )
    return int(total.one())


async def prune_before(session: AsyncSession, cutoff: datetime) -> int:
    """Delete the predictions served before ``cutoff``; returns how many. Whole batches go in
    SQL; a batch straddling the cutoff is rewritten without its old rows."""
    old = col(PredictionBatch.last_at) < cutoff
    deleted = int(
        (
            await session.exec(
                select(func.coalesce(func.sum(col(PredictionBatch.n_rows)), 0)).where(old)
            )
        ).one()
    )
    await session.exec(delete(PredictionBatch).where(old))
    limit = to_us(cutoff)
    for batch in await read_batches(session, col(PredictionBatch.first_at) < cutoff):
        kept = batch.rows[batch.rows["created_us"] >= limit]
        deleted += len(batch.rows) - len(kept)
        values = Batch(batch.id, batch.model_id, batch.requests, kept).values()
        await session.exec(
            update(PredictionBatch)
            .where(col(PredictionBatch.id) == batch.id)
            .values(**{k: v for k, v in values.items() if k != "id"})
        )
    return deleted


@dataclass(frozen=True)
class LedgerEntry:
    """One recorded prediction, as a row (for inspection and tests)."""

    id: str
    model_id: str
    match_id: int | None
    radiant_win_probability: float
    unknown_player_share: float
    unknown_hero_share: float
    heroes: list[int]
    source: str
    created_at: datetime


def entries(batches: Iterable[Batch]) -> list[LedgerEntry]:
    """The rows of batches, one entry each."""
    out = []
    for batch in batches:
        for row in batch.rows:
            prefix, source = batch.requests[int(row["request"])]
            match_id = int(row["match_id"])
            out.append(
                LedgerEntry(
                    id=f"{prefix}-{int(row['row'])}",
                    model_id=batch.model_id,
                    match_id=None if match_id == NO_MATCH else match_id,
                    radiant_win_probability=float(row["probability"]),
                    unknown_player_share=int(row["unknown_players"]) / 10,
                    unknown_hero_share=int(row["unseen_heroes"]) / 10,
                    heroes=[int(h) for h in row["heroes"]],
                    source=source,
                    created_at=from_us(int(row["created_us"])),
                )
            )
    return out


async def read_entries(session: AsyncSession, model_id: str | None = None) -> list[LedgerEntry]:
    """Every recorded prediction (of one model), as entries."""
    conditions = [] if model_id is None else [of_model(model_id)]
    return entries(await read_batches(session, *conditions))
