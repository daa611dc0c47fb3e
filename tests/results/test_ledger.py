"""The prediction ledger: buffered writes, bounded buffer, retention, and scoring."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import numpy as np
import polars as pl
import pytest

from backend.db.engine import make_engine, make_session_factory, transaction
from backend.db.tables import utcnow
from backend.ledger import LedgerRecorder, store
from backend.ledger.recorder import prune
from backend.ledger.rows import unknown_counts
from backend.ledger.scoring import count_scored, scored_predictions
from backend.ledger.store import LedgerEntry, write_batches
from backend.ml import TrainedModel
from backend.results import insert_results
from backend.settings import Settings
from tests.support.ledger import batches_of, ledger_entries


def _frame(matches: pl.DataFrame, unknown_slots: int) -> pl.DataFrame:
    """Matches with the first ``unknown_slots`` account columns blanked."""
    columns = [c for c in matches.columns if "_account_id_" in c][:unknown_slots]
    return matches.with_columns(pl.lit(None, pl.Int64).alias(c) for c in columns)


def test_recorded_predictions_are_written_with_their_shares(
    database_url: str, model: TrainedModel, matches: pl.DataFrame
) -> None:
    ledger = LedgerRecorder(enabled=True, capacity=1000)
    frame = _frame(matches.slice(150, 20), unknown_slots=3)
    p = model.predict_proba(frame)
    prefix = ledger.record("m", model, frame, p, frame["match_id"].to_list(), "predict_csv")
    assert prefix is not None and ledger.pending == 20

    async def flush() -> int:
        engine = make_engine(database_url)
        written = await ledger.flush(make_session_factory(engine))
        await engine.dispose()
        return written

    assert asyncio.run(flush()) == 20 and ledger.pending == 0
    rows = sorted(asyncio.run(ledger_entries(database_url)), key=lambda r: int(r.id.split("-")[1]))
    assert [r.id for r in rows] == [f"{prefix}-{i}" for i in range(20)]
    assert [r.match_id for r in rows] == frame["match_id"].to_list()
    np.testing.assert_allclose([r.radiant_win_probability for r in rows], p)
    # Three slots blanked, plus accounts the model never saw (none here: all were in training).
    known = model.state.player_index(
        frame.select(pl.col("^.*_account_id_.*$")).fill_null(-1).to_numpy()
    )
    np.testing.assert_allclose([r.unknown_player_share for r in rows], (known < 0).mean(axis=1))
    assert min(r.unknown_player_share for r in rows) >= 0.3
    assert all(r.unknown_hero_share == 0 for r in rows)  # every hero is in the training data
    assert rows[0].heroes == list(frame.row(0)[3:13])


def test_a_full_buffer_drops_and_counts_and_off_records_nothing(
    model: TrainedModel, matches: pl.DataFrame
) -> None:
    frame = matches.slice(150, 8)
    p = model.predict_proba(frame)
    ids = frame["match_id"].to_list()
    small = LedgerRecorder(enabled=True, capacity=10)
    assert small.record("m", model, frame, p, ids, "predict_csv") is not None
    assert small.record("m", model, frame, p, ids, "predict_csv") is None
    assert (small.pending, small.dropped) == (8, 8)
    off = LedgerRecorder(enabled=False)
    assert off.record("m", model, frame, p, ids, "predict_csv") is None
    assert (off.pending, off.dropped) == (0, 0)


def _record(model_id: str, match_id: int, p: float, age_seconds: float, key: str) -> LedgerEntry:
    return LedgerEntry(
        id=f"{key}-0",
        model_id=model_id,
        match_id=match_id,
        radiant_win_probability=p,
        unknown_player_share=0.0,
        unknown_hero_share=0.0,
        heroes=[1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        source="predict",
        created_at=utcnow() - timedelta(seconds=age_seconds),
    )


@pytest.mark.parametrize("group_rows", [1, 250_000])  # a batch at a time, or all at once
def test_each_model_is_scored_on_its_latest_prediction_before_the_result(
    database_url: str, matches: pl.DataFrame, group_rows: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "GROUP_ROWS", group_rows)
    result = matches.slice(150, 1)
    match_id = int(result["match_id"][0])
    won = bool(result["radiant_win"][0])

    async def run() -> tuple[int, list[float], list[float], int]:
        engine = make_engine(database_url)
        factory = make_session_factory(engine)
        async with transaction(factory) as session:
            entries = [
                _record("a", match_id, 0.2, 30, "a.old"),
                _record("a", match_id, 0.7, 20, "a.latest"),
                _record("b", match_id, 0.4, 10, "b.only"),
                _record("a", match_id + 1, 0.9, 10, "a.no-result"),
            ]
            # A batch per prediction: with group_rows=1 each is read on its own.
            await write_batches(session, [b for e in entries for b in batches_of([e])])
        async with transaction(factory) as session:
            outcome = await insert_results(session, result)
        async with transaction(factory) as session:
            after = [_record("a", match_id, 0.99, -5, "a.after")]
            await write_batches(session, batches_of(after))
        async with factory() as session:
            scored_a = await scored_predictions(session, "a")
            scored_b = await scored_predictions(session, "b")
            pairs = await count_scored(session, [match_id], outcome.ingested_at)
        await engine.dispose()
        assert list(scored_a.outcomes) == list(scored_b.outcomes) == [1.0 if won else 0.0]
        return pairs, list(scored_a.probabilities), list(scored_b.probabilities), len(scored_a)

    pairs, p_a, p_b, n_a = asyncio.run(run())
    assert (pairs, n_a) == (2, 1)
    assert p_a == [0.7] and p_b == [0.4]


def test_rows_past_the_retention_period_are_pruned(database_url: str) -> None:
    async def run() -> tuple[int, list[str]]:
        engine = make_engine(database_url)
        factory = make_session_factory(engine)
        async with transaction(factory) as session:  # one batch straddling the cutoff
            entries = [
                _record("a", 1, 0.5, 91 * 86400, "old"),
                _record("a", 2, 0.5, 89 * 86400, "kept"),
            ]
            await write_batches(session, batches_of(entries))
        deleted = await prune(factory, retention_days=90)
        await engine.dispose()
        return deleted, [r.id for r in await ledger_entries(database_url)]

    assert asyncio.run(run()) == (1, ["kept-0"])


def test_ledger_settings_are_validated() -> None:
    with pytest.raises(ValueError):
        Settings(ledger_buffer_rows=0)
    with pytest.raises(ValueError):
        Settings(ledger_retention_days=0)
    assert Settings().ledger_retention_days == 90 and Settings().ledger_enabled is True


def test_unknown_players_are_counted_as_the_model_indexes_them(
    model: TrainedModel, matches: pl.DataFrame
) -> None:
    accounts = matches.select(pl.col("^.*_account_id_.*$")).fill_null(-1).to_numpy()
    rng = np.random.default_rng(5)
    accounts[rng.random(accounts.shape) < 0.2] = -1
    never_seen = rng.random(accounts.shape) < 0.2
    accounts[never_seen] = rng.integers(10**12, 10**13, never_seen.sum())
    heroes = matches.select(pl.col("^.*_hero_.*$")).to_numpy()
    players, unseen = unknown_counts(model, heroes, accounts)
    expected = (model.state.player_index(accounts) < 0).sum(axis=1)
    assert expected.min() < expected.max()  # rows differ: the comparison means something
    np.testing.assert_array_equal(players, expected)
    assert (unseen == 0).all()


def test_unknown_counts_agree_on_both_look_ups(
    model: TrainedModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The KeyIndex look-up (small flushes) and polars' is_in (large files) count alike."""
    from backend.ledger import rows

    rng = np.random.default_rng(3)
    pool = np.concatenate([model.state.accounts[:50], [1, 2, 10**11]])
    accounts = rng.choice(pool, (400, 10))
    accounts[rng.random((400, 10)) < 0.2] = rows.UNKNOWN
    heroes = rng.integers(1, 120, (400, 10)).astype(np.int16)
    monkeypatch.setattr(rows, "POLARS_LOOKUP_FROM", 0)
    by_polars = unknown_counts(model, heroes, accounts)
    monkeypatch.setattr(rows, "POLARS_LOOKUP_FROM", 10**9)
    by_index = unknown_counts(model, heroes, accounts)
    for a, b in zip(by_polars, by_index, strict=True):
        assert np.array_equal(a, b)
    expected = (accounts == rows.UNKNOWN) | ~np.isin(accounts, model.state.accounts)
    assert np.array_equal(by_index[0], expected.sum(axis=1))
