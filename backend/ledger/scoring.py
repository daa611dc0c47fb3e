"""Scoring the ledger: each model's latest prediction of a match made before its result arrived.

The ledger's rows are packed (backend.ledger.store), so the join with match_results happens
here, in numpy: a model's batches are unpacked, the results of their match ids fetched, and the
pairs kept where the prediction was served no later than the result was stored.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
import polars as pl
from sqlalchemy import select as sa_select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db.tables import MatchResult, PredictionBatch
from backend.ledger.store import NO_MATCH, ROW, of_model, read_batches, to_us

CHUNK = 5000  # match ids per IN (...) query: well under SQLite's and asyncpg's bind limits


@dataclass(frozen=True)
class ScoredPredictions:
    """A model's scored predictions, in the order their results arrived (oldest first)."""

    probabilities: np.ndarray
    outcomes: np.ndarray  # 1.0 = radiant won
    match_ids: np.ndarray
    result_times: list[datetime]

    def __len__(self) -> int:
        return len(self.outcomes)


@dataclass(frozen=True)
class Results:
    """Stored results of some matches, by match id."""

    match_ids: np.ndarray  # sorted
    radiant_win: np.ndarray
    seq: np.ndarray
    start_time: np.ndarray  # -1 when unknown
    ingested_us: np.ndarray
    ingested_at: list[datetime]

    def find(self, match_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per match id: the index of its result, and whether there is one."""
        at = np.searchsorted(self.match_ids, match_ids)
        found = at < len(self.match_ids)
        found[found] = self.match_ids[at[found]] == match_ids[found]
        return np.where(found, at, 0), found


async def results_of(session: AsyncSession, match_ids: np.ndarray) -> Results:
    """The stored results of these matches (ids sorted and unique).

    Asked for by id range, CHUNK ids at a time (an IN list of thousands of ids costs more to
    compile than to run), and narrowed to the ids off the event loop.
    """
    rows: list[Any] = []
    connection = await session.connection()
    for start in range(0, len(match_ids), CHUNK):
        chunk = match_ids[start : start + CHUNK]
        rows += (
            await connection.execute(
                sa_select(  # five columns: more than sqlmodel's typed select() takes
                    col(MatchResult.match_id),
                    col(MatchResult.radiant_win),
                    col(MatchResult.seq),
                    col(MatchResult.start_time),
                    col(MatchResult.ingested_at),
                ).where(col(MatchResult.match_id).between(int(chunk[0]), int(chunk[-1])))
            )
        ).all()
    return await asyncio.to_thread(_results, rows, match_ids)


def _results(rows: list[Any], match_ids: np.ndarray) -> Results:
    """Results of the fetched rows whose match is one of match_ids, by match id."""
    if not rows:
        none = np.zeros(0, dtype=np.int64)
        return Results(none, np.zeros(0, dtype=bool), none, none, none, [])
    ids, won, seq, start_time, ingested = zip(*rows, strict=True)
    all_ids = np.array(ids, dtype=np.int64)
    keep = np.flatnonzero(np.isin(all_ids, match_ids))
    keep = keep[np.argsort(all_ids[keep], kind="stable")]
    times = pl.Series(ingested, dtype=pl.Datetime("us", "UTC")).dt.epoch("us").to_numpy()
    starts = pl.Series(start_time, dtype=pl.Int64).fill_null(-1).to_numpy()
    return Results(
        match_ids=all_ids[keep],
        radiant_win=np.array(won, dtype=bool)[keep],
        seq=np.array(seq, dtype=np.int64)[keep],
        start_time=starts[keep],
        ingested_us=times[keep],
        ingested_at=[ingested[i] for i in keep.tolist()],
    )


async def scored_predictions(session: AsyncSession, model_id: str) -> ScoredPredictions:
    """One (probability, outcome) pair per predicted match with a result: the model's latest
    prediction of it served no later than the result was stored (ties: the later recorded)."""
    batches = await read_batches(session, of_model(model_id))
    rows = await asyncio.to_thread(_known_rows, [b.rows for b in batches])
    results = await results_of(session, np.unique(rows["match_id"]))
    return await asyncio.to_thread(_latest, rows, results)


def _known_rows(parts: list[np.ndarray]) -> np.ndarray:
    """The rows of the batches that name their match."""
    rows = np.concatenate(parts) if parts else np.zeros(0, dtype=ROW)
    return rows[rows["match_id"] != NO_MATCH]


def _latest(rows: np.ndarray, results: Results) -> ScoredPredictions:
    """Per match with a result, the latest prediction served before it, in arrival order."""
    if not len(results.match_ids):
        empty = np.zeros(0)
        return ScoredPredictions(empty, empty, np.zeros(0, dtype=np.int64), [])
    at, found = results.find(rows["match_id"])
    scorable = found & (rows["created_us"] <= results.ingested_us[at])
    recorded = np.flatnonzero(scorable)  # recording order breaks ties of created_us
    matches, created = rows["match_id"][recorded], rows["created_us"][recorded]
    order = recorded[np.lexsort((recorded, created, matches))]
    last = np.ones(len(order), dtype=bool)  # the last row of each match in that order
    last[:-1] = rows["match_id"][order][1:] != rows["match_id"][order][:-1]
    latest = order[last]
    result = at[latest]
    # Results in arrival order (ingestion batch), then match time, then match id.
    arrival = np.lexsort(
        (results.match_ids[result], results.start_time[result], results.seq[result])
    )
    latest, result = latest[arrival], result[arrival]
    return ScoredPredictions(
        probabilities=rows["probability"][latest].astype(np.float64),
        outcomes=results.radiant_win[result].astype(np.float64),
        match_ids=rows["match_id"][latest].astype(np.int64),
        result_times=[results.ingested_at[i] for i in result.tolist()],
    )


async def count_scored(session: AsyncSession, match_ids: list[int], at: datetime) -> int:
    """(model, match) pairs among these matches with a prediction made no later than ``at``."""
    if not match_ids:
        return 0
    wanted = np.unique(np.array(match_ids, dtype=np.int64))
    batches = await read_batches(
        session,
        col(PredictionBatch.match_min) <= int(wanted[-1]),
        col(PredictionBatch.match_max) >= int(wanted[0]),
        col(PredictionBatch.first_at) <= at,
    )
    limit = to_us(at)
    pairs: dict[str, set[int]] = {}
    for batch in batches:
        rows = batch.rows
        hit = np.isin(rows["match_id"], wanted) & (rows["created_us"] <= limit)
        pairs.setdefault(batch.model_id, set()).update(rows["match_id"][hit].tolist())
    return sum(len(matches) for matches in pairs.values())
