"""How the ledger writes its rows: retries, stored timestamps, unique ids, skipped rows, on
SQLite and PostgreSQL. The rows are packed (a batch per model per flush), so these tests read
them back through backend.ledger.store and, where it matters, look at the stored batches too.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import numpy as np
import polars as pl
import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db.engine import as_utc, make_engine, make_session_factory
from backend.db.tables import PredictionBatch
from backend.ledger import LedgerRecorder
from backend.ledger import recorder as recorder_module
from backend.ledger.recorder import prune
from backend.ledger.store import LedgerEntry, read_entries
from backend.ml import TrainedModel

T = TypeVar("T")
Factory = async_sessionmaker[AsyncSession]


def _with_factory(url: str, work: Callable[[Factory], Awaitable[T]]) -> T:
    async def run() -> T:
        engine = make_engine(url)
        try:
            return await work(make_session_factory(engine))
        finally:
            await engine.dispose()

    return asyncio.run(run())


async def _rows(factory: Factory) -> list[LedgerEntry]:
    async with factory() as session:
        return await read_entries(session)


async def _batches(factory: Factory) -> list[PredictionBatch]:
    async with factory() as session:
        return list((await session.exec(select(PredictionBatch))).all())


def _flushed(url: str, ledger: LedgerRecorder, read: Callable[[Factory], Awaitable[T]]) -> T:
    """Flush the ledger into the database at url, then read it back with ``read``."""

    async def work(factory: Factory) -> T:
        await ledger.flush(factory)
        return await read(factory)

    return _with_factory(url, work)


def _record_file(
    ledger: LedgerRecorder, model: TrainedModel, frame: pl.DataFrame, p: np.ndarray | None = None
) -> str:
    probabilities = model.predict_proba(frame) if p is None else p
    prefix = ledger.record(
        "m", model, frame, probabilities, frame["match_id"].to_list(), "predict_csv"
    )
    assert prefix is not None
    return prefix


def test_a_flush_that_failed_is_retried_whole_with_the_same_batches(
    database_url: str,
    model: TrainedModel,
    matches: pl.DataFrame,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ledger = LedgerRecorder()
    prefix = _record_file(ledger, model, matches.slice(150, 30))
    other = ledger.record_arrays(  # a second model: a second batch in the same transaction
        "m2",
        model,
        np.array([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]),
        np.full((1, 10), -1),
        np.array([0.5]),
        [None],
        "predict",
    )
    assert other is not None
    write = recorder_module.write_batches

    async def written_then_lost(session: AsyncSession, batches: Any) -> None:
        await write(session, batches)  # the rows reach the database, the commit never comes
        raise ConnectionError("database went away")

    async def work(factory: Factory) -> tuple[int, int, list[str], list[str]]:
        with monkeypatch.context() as patch:
            patch.setattr(recorder_module, "write_batches", written_then_lost)
            with pytest.raises(ConnectionError):
                await ledger.flush(factory)
        after_failure = len(await _rows(factory))
        pending = ledger.pending
        await ledger.flush(factory)
        return (
            after_failure,
            pending,
            [r.id for r in await _rows(factory)],
            [b.id for b in await _batches(factory)],
        )

    after_failure, pending, ids, batches = _with_factory(database_url, work)
    assert (after_failure, pending) == (0, 31)  # one transaction: nothing half-written
    assert sorted(ids) == sorted([f"{prefix}-{i}" for i in range(30)] + [f"{other}-0"])
    assert sorted(batches) == sorted([prefix, other])  # a batch per model, named by its first
    assert ledger.pending == 0 and ledger.written == 31


def test_a_flush_repeated_after_its_commit_writes_no_duplicates(
    database_url: str,
    model: TrainedModel,
    matches: pl.DataFrame,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ledger = LedgerRecorder()
    first = _record_file(ledger, model, matches.slice(150, 12))

    def lost_acknowledgement(batches: Any) -> None:
        raise ConnectionError("connection dropped after COMMIT")

    async def work(factory: Factory) -> list[LedgerEntry]:
        with monkeypatch.context() as patch:
            patch.setattr(ledger, "_forget", lost_acknowledgement)
            with pytest.raises(ConnectionError):
                await ledger.flush(factory)
        assert ledger.pending == 12  # still buffered, though already stored
        _record_file(ledger, model, matches.slice(162, 5))
        assert await ledger.flush(factory) == 17
        return await _rows(factory)

    rows = _with_factory(database_url, work)
    ids = [r.id for r in rows]
    assert len(ids) == len(set(ids)) == 17
    assert {f"{first}-{i}" for i in range(12)} <= set(ids)
    assert ledger.pending == 0


def test_stored_times_are_the_recording_instant_to_the_microsecond(
    database_url: str, model: TrainedModel, matches: pl.DataFrame
) -> None:
    instant = datetime(2026, 3, 4, 5, 6, 7, 891011, tzinfo=UTC)
    ledger = LedgerRecorder(clock=instant.timestamp)
    prefix = _record_file(ledger, model, matches.slice(150, 3))

    async def work(factory: Factory) -> tuple[list[LedgerEntry], list[PredictionBatch]]:
        await ledger.flush(factory)
        return await _rows(factory), await _batches(factory)

    rows, batches = _with_factory(database_url, work)
    assert [r.id for r in rows] == [f"{prefix}-{i}" for i in range(3)]
    assert {r.created_at for r in rows} == {instant}
    [batch] = batches
    assert (as_utc(batch.first_at), as_utc(batch.last_at), batch.n_rows) == (instant, instant, 3)


def test_a_file_is_stored_as_one_packed_batch_with_its_match_range(
    database_url: str, model: TrainedModel, matches: pl.DataFrame
) -> None:
    frame = matches.slice(100, 200)
    ledger = LedgerRecorder()
    _record_file(ledger, model, frame)
    [batch] = _flushed(database_url, ledger, _batches)
    assert batch.n_rows == 200 and len(batch.payload) == 200 * 54
    ids = frame["match_id"]
    assert (batch.match_min, batch.match_max) == (ids.min(), ids.max())


def test_retention_pruning_deletes_exactly_the_old_recorded_rows(
    database_url: str, model: TrainedModel, matches: pl.DataFrame
) -> None:
    now = datetime.now(UTC)
    ages = {"old": 90 * 86400 + 60, "edge-kept": 90 * 86400 - 60, "new": 3600}
    prefixes: dict[str, str] = {}
    for name, age in ages.items():
        ledger = LedgerRecorder(clock=(now - timedelta(seconds=age)).timestamp)
        frame = matches.slice(150 + 3 * len(prefixes), 3)
        prefixes[name] = _record_file(ledger, model, frame)
        _with_factory(database_url, ledger.flush)

    async def work(factory: Factory) -> tuple[int, set[str]]:
        deleted = await prune(factory, retention_days=90)
        return deleted, {r.id.rsplit("-", 1)[0] for r in await _rows(factory)}

    deleted, left = _with_factory(database_url, work)
    assert (deleted, left) == (3, {prefixes["edge-kept"], prefixes["new"]})


def test_ids_are_unique_across_recorders(
    database_url: str, model: TrainedModel, matches: pl.DataFrame
) -> None:
    frame = matches.slice(150, 6)
    recorders = [LedgerRecorder(), LedgerRecorder()]  # as two API processes
    prefixes = [_record_file(r, model, frame) for r in recorders for _ in range(2)]
    assert len(set(prefixes)) == 4

    async def work(factory: Factory) -> list[LedgerEntry]:
        for ledger in recorders:
            await ledger.flush(factory)
        return await _rows(factory)

    rows = _with_factory(database_url, work)
    assert len(rows) == len({r.id for r in rows}) == 24


def test_rows_without_a_probability_are_skipped_and_the_rest_keep_their_values(
    database_url: str, model: TrainedModel, matches: pl.DataFrame
) -> None:
    # Out of match-id order, as a user's file may be (the ledger writes rows sorted).
    frame = matches.slice(150, 8).sample(fraction=1.0, shuffle=True, seed=3)
    assert frame["match_id"].to_list() != sorted(frame["match_id"].to_list())
    p = model.predict_proba(frame)
    p[[1, 5]] = np.nan
    ledger = LedgerRecorder()
    prefix = _record_file(ledger, model, frame, p)
    draft = np.array([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]])
    skipped = ledger.record_arrays(
        "m", model, draft, np.full((1, 10), -1), np.array([np.nan]), [None], "predict"
    )
    kept = ledger.record_arrays(
        "m", model, draft, np.full((1, 10), -1), np.array([0.75]), [None], "predict"
    )
    rows = _flushed(database_url, ledger, _rows)
    by_id = {r.id: r for r in rows}
    written = (0, 2, 3, 4, 6, 7)
    assert set(by_id) == {f"{prefix}-{i}" for i in written} | {f"{kept}-0"}
    assert f"{skipped}-0" not in by_id
    accounts = frame.select(pl.col("^.*_account_id_.*$")).fill_null(-1).to_numpy()
    players = (model.state.player_index(accounts) < 0).mean(axis=1)
    for i in written:
        row = by_id[f"{prefix}-{i}"]
        assert row.radiant_win_probability == pytest.approx(p[i], abs=1e-15)
        assert row.match_id == frame["match_id"][i]
        assert row.heroes == list(frame.row(i)[3:13])
        assert row.unknown_player_share == pytest.approx(players[i], abs=1e-15)
    assert (by_id[f"{kept}-0"].match_id, by_id[f"{kept}-0"].radiant_win_probability) == (None, 0.75)


def test_draft_rows_keep_their_match_id_or_none(
    database_url: str, model: TrainedModel, matches: pl.DataFrame
) -> None:
    ledger = LedgerRecorder()
    heroes = np.array([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]])
    accounts = np.full((1, 10), -1)
    p = np.array([0.25])
    known = ledger.record_arrays("m", model, heroes, accounts, p, [123], "predict")
    unknown = ledger.record_arrays("m", model, heroes, accounts, p, [None], "predict")
    rows = {r.id: r for r in _flushed(database_url, ledger, _rows)}
    assert rows[f"{known}-0"].match_id == 123 and rows[f"{unknown}-0"].match_id is None
    only = rows[f"{known}-0"]
    assert (only.unknown_player_share, only.heroes, only.source) == (
        1.0,
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        "predict",
    )


def test_a_request_that_cannot_be_stored_is_dropped_alone(
    database_url: str, model: TrainedModel, matches: pl.DataFrame
) -> None:
    # The API rejects such a match id (400); the recorder must still not let one bad request
    # block the buffer or take the others with it.
    ledger = LedgerRecorder()
    heroes = np.array([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]])
    accounts = np.full((1, 10), -1)
    p = np.array([0.25])
    before = ledger.record_arrays("m", model, heroes, accounts, p, [5], "predict")
    ledger.record_arrays("m", model, heroes, accounts, p, [2**70], "predict")
    prefix = _record_file(ledger, model, matches.slice(150, 4))
    rows = _flushed(database_url, ledger, _rows)
    assert sorted(r.id for r in rows) == sorted(
        [f"{before}-0"] + [f"{prefix}-{i}" for i in range(4)]
    )
    assert (ledger.pending, ledger.dropped, ledger.written) == (0, 1, 5)
