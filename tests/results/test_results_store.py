"""Stored results: once per match id, versioned in commit order, safe under concurrency."""

from __future__ import annotations

import asyncio

import polars as pl
from sqlalchemy import func
from sqlmodel import select

from backend.db.engine import make_engine, make_session_factory, transaction
from backend.db.tables import MatchResult
from backend.results import insert_results, results_since, results_version
from backend.results.store import IngestOutcome


async def _ingest(url: str, *frames: pl.DataFrame) -> list[IngestOutcome]:
    """Each frame in its own engine and transaction, all at once."""

    async def one(frame: pl.DataFrame) -> IngestOutcome:
        engine = make_engine(url)
        try:
            async with transaction(make_session_factory(engine)) as session:
                return await insert_results(session, frame)
        finally:
            await engine.dispose()

    return list(await asyncio.gather(*(one(f) for f in frames)))


async def _stored(url: str) -> tuple[int, int, pl.DataFrame]:
    engine = make_engine(url)
    async with make_session_factory(engine)() as session:
        count = (await session.exec(select(func.count()).select_from(MatchResult))).one()
        version = await results_version(session)
        frame = await results_since(session, 0, version)
    await engine.dispose()
    return int(count), version, frame


def test_a_match_is_stored_once_and_every_batch_bumps_the_version(
    database_url: str, matches: pl.DataFrame
) -> None:
    (first,) = asyncio.run(_ingest(database_url, matches.slice(150, 50)))
    assert (first.inserted.height, first.duplicates, first.seq) == (50, 0, 1)
    (again,) = asyncio.run(_ingest(database_url, matches.slice(150, 50)))
    assert (again.inserted.height, again.duplicates, again.seq) == (0, 50, 0)
    (more,) = asyncio.run(_ingest(database_url, matches.slice(170, 50)))
    assert (more.inserted.height, more.duplicates, more.seq) == (20, 30, 3)
    count, version, stored = asyncio.run(_stored(database_url))
    assert (count, version) == (70, 3)
    expected = matches.slice(150, 70)
    assert stored.drop("__seq").equals(expected)  # round trip: every column as uploaded
    assert stored["__seq"].to_list() == [1] * 50 + [3] * 20


def test_concurrent_ingestions_store_each_match_once(
    database_url: str, matches: pl.DataFrame
) -> None:
    a, b = matches.slice(100, 100), matches.slice(150, 100)
    outcomes = asyncio.run(_ingest(database_url, a, b))
    assert sum(o.inserted.height for o in outcomes) == 150
    assert sum(o.duplicates for o in outcomes) == 50
    assert sorted(o.seq for o in outcomes) == [1, 2]
    count, version, stored = asyncio.run(_stored(database_url))
    assert (count, version) == (150, 2)
    by_batch = {o.seq: set(o.inserted["match_id"].to_list()) for o in outcomes}
    for match_id, seq in stored.select("match_id", "__seq").iter_rows():
        assert match_id in by_batch[seq]
