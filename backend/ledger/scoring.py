"""Scoring the ledger: each model's latest prediction of a match made before its result arrived.

The ledger's rows are packed (backend.ledger.store), so the join with match_results happens
here, in numpy: a model's batches are unpacked, the results of their match ids fetched, and the
pairs kept where the prediction was served no later than the result was stored.
"""

from __future__ import annotations

import asyncio
import json
from contextlib import aclosing
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
import polars as pl
from sqlalchemy import BigInteger, ColumnElement, any_, bindparam, func
from sqlalchemy import select as sa_select
from sqlalchemy.dialects import postgresql as postgresql_types
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db.tables import MatchResult, PredictionBatch
from backend.ledger.store import NO_MATCH, ROW, batch_groups, of_model, to_us

CHUNK = 50_000  # match ids per query (one bound value each, see _one_of)


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
    """Stored results of some matches, by match id; their times are kept in a list beside
    (``time_index`` points into it), so merging two sets of results moves arrays only."""

    match_ids: np.ndarray  # sorted
    radiant_win: np.ndarray
    seq: np.ndarray
    start_time: np.ndarray  # -1 when unknown
    ingested_us: np.ndarray
    time_index: np.ndarray

    def find(self, match_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per match id: the index of its result, and whether there is one."""
        at = np.searchsorted(self.match_ids, match_ids)
        found = at < len(self.match_ids)
        found[found] = self.match_ids[at[found]] == match_ids[found]
        return np.where(found, at, 0), found

    def merged(self, other: Results) -> Results:
        """Both sets of results (of different matches), by match id."""
        fields = ("match_ids", "radiant_win", "seq", "start_time", "ingested_us", "time_index")
        arrays = [np.concatenate([getattr(self, f), getattr(other, f)]) for f in fields]
        order = np.argsort(arrays[0], kind="stable")
        return Results(*(array[order] for array in arrays))


NO_RESULTS = Results(
    np.zeros(0, dtype=np.int64),
    np.zeros(0, dtype=bool),
    *(np.zeros(0, dtype=np.int64) for _ in range(4)),
)


async def results_of(
    session: AsyncSession, match_ids: np.ndarray, times: list[datetime]
) -> Results:
    """The stored results of these matches (ids unique); their times are appended to
    ``times``. CHUNK ids per query, the rows turned into arrays off the event loop."""
    rows: list[Any] = []
    connection = await session.connection()
    postgresql = connection.dialect.name == "postgresql"
    for start in range(0, len(match_ids), CHUNK):
        chunk = match_ids[start : start + CHUNK].tolist()
        rows += (
            await connection.execute(
                sa_select(  # five columns: more than sqlmodel's typed select() takes
                    col(MatchResult.match_id),
                    col(MatchResult.radiant_win),
                    col(MatchResult.seq),
                    col(MatchResult.start_time),
                    col(MatchResult.ingested_at),
                ).where(_one_of(chunk, postgresql))
            )
        ).all()
    results = await asyncio.to_thread(_results, rows, len(times))
    times += [row[4] for row in rows]
    return results


def _one_of(match_ids: list[int], postgresql: bool) -> ColumnElement[bool]:
    """match_id is one of these, as ONE bound value (an array on PostgreSQL, JSON text read by
    json_each on SQLite): an IN list binds a value per id, and SQLAlchemy's expansion of
    thousands of them cost more than the query."""
    if postgresql:
        return col(MatchResult.match_id) == any_(
            bindparam("ids", match_ids, type_=postgresql_types.ARRAY(BigInteger))
        )
    ids = func.json_each(json.dumps(match_ids)).table_valued("value")
    return col(MatchResult.match_id).in_(sa_select(ids.c.value))


def _results(rows: list[Any], first_time: int) -> Results:
    """Fetched result rows as arrays, by match id (their times at first_time onwards)."""
    if not rows:
        return NO_RESULTS
    ids, won, seq, start_time, ingested = zip(*rows, strict=True)
    times = pl.Series(ingested, dtype=pl.Datetime("us", "UTC")).dt.epoch("us").to_numpy()
    starts = pl.Series(start_time, dtype=pl.Int64).fill_null(-1).to_numpy()
    unsorted = Results(
        np.array(ids, dtype=np.int64),
        np.array(won, dtype=bool),
        np.array(seq, dtype=np.int64),
        starts,
        times,
        np.arange(first_time, first_time + len(rows)),
    )
    return NO_RESULTS.merged(unsorted)


# A prediction that can be scored, with what scoring needs of its result.
SCORABLE = np.dtype(
    [
        ("match_id", "<i8"),
        ("created_us", "<i8"),
        ("recorded", "<i8"),  # position in recording order: breaks ties of created_us
        ("probability", "<f8"),
        ("won", "?"),
        ("seq", "<i8"),
        ("start_time", "<i8"),
        ("result", "<i8"),  # index into the list of result times (Results.time_index)
    ]
)


async def scored_predictions(session: AsyncSession, model_id: str) -> ScoredPredictions:
    """One (probability, outcome) pair per predicted match with a result: the model's latest
    prediction of it served no later than the result was stored (ties: the later recorded).

    The ledger is read a group of batches at a time, keeping only the predictions that have a
    result: memory follows the scored predictions, not everything the model ever served.
    """
    parts: list[np.ndarray] = []
    times: list[datetime] = []  # of the results fetched so far
    known = NO_RESULTS
    recorded = 0
    with_match = col(PredictionBatch.match_min).is_not(None)
    async with aclosing(batch_groups(session, of_model(model_id), with_match)) as groups:
        async for group in groups:
            rows, positions = await asyncio.to_thread(_known_rows, [b.rows for b in group])
            ids = np.unique(rows["match_id"])
            _, fetched = known.find(ids)  # each result is fetched once
            new = await results_of(session, ids[~fetched], times)
            known = await asyncio.to_thread(known.merged, new)
            parts.append(await asyncio.to_thread(_scorable, rows, positions + recorded, known))
            recorded += sum(len(b.rows) for b in group)
    return await asyncio.to_thread(_latest, parts, times)


def _known_rows(parts: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """The rows of the batches that name their match, and their positions among all rows."""
    rows = np.concatenate(parts) if parts else np.zeros(0, dtype=ROW)
    positions = np.flatnonzero(rows["match_id"] != NO_MATCH)
    return rows[positions], positions


def _scorable(rows: np.ndarray, recorded: np.ndarray, results: Results) -> np.ndarray:
    """The rows served no later than their match's result was stored, with that result."""
    if not len(results.match_ids):
        return np.zeros(0, dtype=SCORABLE)
    at, found = results.find(rows["match_id"])
    keep = np.flatnonzero(found & (rows["created_us"] <= results.ingested_us[at]))
    at = at[keep]
    out = np.empty(len(keep), dtype=SCORABLE)
    out["match_id"] = rows["match_id"][keep]
    out["created_us"] = rows["created_us"][keep]
    out["recorded"] = recorded[keep]
    out["probability"] = rows["probability"][keep]
    out["won"] = results.radiant_win[at]
    out["seq"] = results.seq[at]
    out["start_time"] = results.start_time[at]
    out["result"] = results.time_index[at]
    return out


def _latest(parts: list[np.ndarray], times: list[datetime]) -> ScoredPredictions:
    """Per match, the latest scorable prediction, in the order the results arrived."""
    rows = np.concatenate(parts) if parts else np.zeros(0, dtype=SCORABLE)
    order = np.lexsort((rows["recorded"], rows["created_us"], rows["match_id"]))
    rows = rows[order]
    last = np.ones(len(rows), dtype=bool)  # the last row of each match in that order
    last[:-1] = rows["match_id"][1:] != rows["match_id"][:-1]
    rows = rows[last]
    # Results in arrival order (ingestion batch), then match time, then match id.
    rows = rows[np.lexsort((rows["match_id"], rows["start_time"], rows["seq"]))]
    return ScoredPredictions(
        probabilities=rows["probability"].astype(np.float64),
        outcomes=rows["won"].astype(np.float64),
        match_ids=rows["match_id"].astype(np.int64),
        result_times=[times[i] for i in rows["result"].tolist()],
    )


async def count_scored(session: AsyncSession, match_ids: list[int], at: datetime) -> int:
    """(model, match) pairs among these matches with a prediction made no later than ``at``."""
    if not match_ids:
        return 0
    wanted = np.unique(np.array(match_ids, dtype=np.int64))
    overlapping = batch_groups(
        session,
        col(PredictionBatch.match_min) <= int(wanted[-1]),
        col(PredictionBatch.match_max) >= int(wanted[0]),
        col(PredictionBatch.first_at) <= at,
    )
    limit = to_us(at)
    pairs: dict[str, set[int]] = {}
    async with aclosing(overlapping) as groups:
        async for group in groups:
            for batch in group:
                rows = batch.rows
                hit = np.isin(rows["match_id"], wanted) & (rows["created_us"] <= limit)
                pairs.setdefault(batch.model_id, set()).update(rows["match_id"][hit].tolist())
    return sum(len(matches) for matches in pairs.values())
