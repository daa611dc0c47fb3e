"""The match_results table: insert a batch once per match id, read results back as a frame.

Every ingestion first bumps the ``match_results`` counter. That UPDATE takes the row lock on
PostgreSQL and the write lock on SQLite until the transaction commits, so batches are
serialised and their ``seq`` (the counter value) grows in commit order: a reader that has seen
counter value N has seen every result with ``seq <= N``. Polling the counter is therefore a
cheap, exact version of the stored results.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import polars as pl
from sqlalchemy import func, insert, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db.inserts import insert_ignoring_conflicts
from backend.db.tables import Counter, MatchResult, utcnow
from backend.errors import ApiError, ErrorCode
from backend.matches import ACCOUNT_COLUMNS, CANONICAL_SCHEMA, HERO_COLUMNS
from backend.results.positions import Position, advance_positions

COUNTER = "match_results"
SEQ = "__seq"  # extra column of results frames: the ingestion batch (ignored by the ML code)
CHUNK = 500  # ids per IN (...) and rows per INSERT; far below every driver's parameter limit


class ResultConflict(ApiError):
    """A posted result that contradicts the stored one for the same match (409)."""

    def __init__(self, match_id: int, stored_radiant_win: bool) -> None:
        stored = "Radiant" if stored_radiant_win else "Dire"
        posted = "Dire" if stored_radiant_win else "Radiant"
        super().__init__(
            409,
            ErrorCode.result_conflict,
            f"match {match_id}: the stored result says {stored} won, this file says {posted}; "
            "results are never overwritten (nothing of this file was stored) — remove the "
            "match from the file if the stored result is right",
            field="file",
            column="radiant_win",
        )
        self.match_id = match_id


@dataclass(frozen=True)
class IngestOutcome:
    """What one ingestion stored."""

    inserted: pl.DataFrame  # canonical frame of the newly stored results
    duplicates: int  # already stored (or repeated in the file)
    seq: int  # the batch's sequence number (0 when nothing was new)
    ingested_at: datetime
    # Each trained model's served state as of this batch, by model id (positions.py).
    positions: dict[str, Position] = field(default_factory=dict)


async def results_version(session: AsyncSession) -> int:
    """The sequence number of the last committed ingestion batch (0 before any)."""
    value = (await session.exec(select(Counter.value).where(Counter.name == COUNTER))).one_or_none()
    return int(value or 0)


async def _next_seq(session: AsyncSession) -> int:
    """Bump the counter (serialising concurrent ingestions) and return the new value."""
    bumped = await session.exec(
        update(Counter)
        .where(col(Counter.name) == COUNTER)
        .values(value=col(Counter.value) + 1)
        .returning(col(Counter.value))
    )
    value = bumped.scalar_one_or_none()
    if value is None:  # migrations seed the row; recreate it if someone deleted it
        await session.exec(insert(Counter).values(name=COUNTER, value=1))
        value = 1
    return int(value)


def _rows(frame: pl.DataFrame, seq: int, now: datetime) -> list[dict[str, Any]]:
    heroes = frame.select(HERO_COLUMNS).rows()
    accounts = frame.select(ACCOUNT_COLUMNS).rows()
    return [
        {
            "match_id": m,
            "start_time": t,
            "radiant_win": bool(y),
            "heroes": list(h),
            "account_ids": list(a),
            "seq": seq,
            "ingested_at": now,
        }
        for m, t, y, h, a in zip(
            frame["match_id"].to_list(),
            frame["start_time"].to_list(),
            frame["radiant_win"].to_list(),
            heroes,
            accounts,
            strict=True,
        )
    ]


async def insert_results(session: AsyncSession, frame: pl.DataFrame) -> IngestOutcome:
    """Store the labelled matches not stored yet, as one batch; call inside a transaction.

    Idempotent by match_id: stored matches are left as they are and counted as duplicates.
    A match whose stored result says the other side won is a ResultConflict (409): nothing
    of the batch is stored (the caller's transaction rolls back), and no result is ever
    silently kept or replaced.
    """
    now = utcnow()
    unique = frame.unique(subset="match_id", keep="first", maintain_order=True)
    repeated = frame.height - unique.height
    seq = await _next_seq(session)
    ids = unique["match_id"].to_list()
    winners = dict(zip(ids, unique["radiant_win"].to_list(), strict=True))
    existing: set[int] = set()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        found = await session.exec(
            select(MatchResult.match_id, MatchResult.radiant_win).where(
                col(MatchResult.match_id).in_(chunk)
            )
        )
        for match_id, radiant_win in found.all():
            if bool(radiant_win) != bool(winners[int(match_id)]):
                raise ResultConflict(int(match_id), bool(radiant_win))
            existing.add(int(match_id))
    new = unique.filter(~pl.col("match_id").is_in(list(existing)))
    rows = _rows(new, seq, now)
    table = MatchResult.__table__  # type: ignore[attr-defined]
    statement = insert_ignoring_conflicts(session, table, ["match_id"])
    for start in range(0, len(rows), CHUNK):
        await session.exec(statement, params=rows[start : start + CHUNK])
    # Every batch (even one with nothing new) moves the counts on, so the next one is in step.
    positions = await advance_positions(session, seq, new)
    return IngestOutcome(new, repeated + len(existing), seq if rows else 0, now, positions)


def results_frame(rows: list[Any]) -> pl.DataFrame:
    """Canonical frame (labelled) from MatchResult rows, plus their batch in column SEQ."""
    data: dict[str, list[Any]] = {
        "match_id": [r.match_id for r in rows],
        "start_time": [r.start_time for r in rows],
        "radiant_win": [bool(r.radiant_win) for r in rows],
    }
    for i, column in enumerate(HERO_COLUMNS):
        data[column] = [r.heroes[i] for r in rows]
    for i, column in enumerate(ACCOUNT_COLUMNS):
        data[column] = [r.account_ids[i] for r in rows]
    data[SEQ] = [r.seq for r in rows]
    return pl.DataFrame(data, schema={**CANONICAL_SCHEMA, SEQ: pl.Int64()})


async def results_since(session: AsyncSession, after: int, upto: int) -> pl.DataFrame:
    """Results of the batches after ``after`` up to and including ``upto``."""
    rows = await session.exec(
        select(MatchResult)
        .where(col(MatchResult.seq) > after, col(MatchResult.seq) <= upto)
        .order_by(col(MatchResult.seq), col(MatchResult.match_id))
    )
    return results_frame(list(rows.all()))


async def count_results(session: AsyncSession) -> int:
    """How many results are stored."""
    return int((await session.exec(select(func.count()).select_from(MatchResult))).one())
