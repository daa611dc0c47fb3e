"""A served model is its artifact advanced by every stored result, whatever the arrival order."""

from __future__ import annotations

import asyncio

import numpy as np
import polars as pl
import pytest

from backend.db.engine import make_engine, make_session_factory, transaction
from backend.db.registry import activate_model
from backend.ml import TrainedModel
from backend.ml.frame import prepare_matches
from backend.ml.history import HistoryState
from backend.ml.ordering import match_days, time_order
from backend.results import insert_results
from backend.serving.active import ActiveModelCache
from backend.serving.store import ModelStore, ServedModel, training_profile
from tests.results.conftest import MODEL_ID, store_model


def assert_same_state(a: HistoryState, b: HistoryState) -> None:
    np.testing.assert_array_equal(a.accounts, b.accounts)
    np.testing.assert_allclose(a.mu, b.mu, rtol=0, atol=1e-9)
    np.testing.assert_allclose(a.var, b.var, rtol=0, atol=1e-9)
    assert (a.n_matches, a.results_applied, a.ratings_as_of) == (
        b.n_matches,
        b.results_applied,
        b.ratings_as_of,
    )
    for name in a.tables:
        np.testing.assert_array_equal(a.tables[name].keys, b.tables[name].keys, err_msg=name)
        np.testing.assert_allclose(a.tables[name].games, b.tables[name].games, atol=1e-9)
        np.testing.assert_allclose(a.tables[name].wins, b.tables[name].wins, atol=1e-9)


async def _ingest(url: str, frame: pl.DataFrame) -> None:
    engine = make_engine(url)
    async with transaction(make_session_factory(engine)) as session:
        await insert_results(session, frame)
    await engine.dispose()


async def _served(url: str, store: ModelStore, refresh: bool = True) -> ServedModel:
    engine = make_engine(url)
    async with make_session_factory(engine)() as session:
        if refresh:
            await store.refresh(session)
        entry = await store.entry(session, MODEL_ID)
    await engine.dispose()
    assert entry is not None
    return entry


def test_results_in_any_order_give_the_same_served_model(
    database_url: str, model: TrainedModel, matches: pl.DataFrame
) -> None:
    store_model(database_url, model)
    cached = ModelStore()
    first = asyncio.run(_served(database_url, cached))
    assert first.model.results_applied == 0 and first.applied_seq == 0

    late, early = matches.slice(220, 80), matches.slice(150, 70)
    asyncio.run(_ingest(database_url, late))
    after_late = asyncio.run(_served(database_url, cached))
    assert after_late.applied_seq == 1 and after_late.model.results_applied == 80
    asyncio.run(_ingest(database_url, early))  # older than what was applied: rebuilt
    after_both = asyncio.run(_served(database_url, cached))
    assert after_both.applied_seq == 2 and after_both.model.results_applied == 150

    expected, report = model.advance(matches.slice(150))
    assert report.applied == 150
    assert_same_state(after_both.model.state, expected.state)
    fresh = asyncio.run(_served(database_url, ModelStore(), refresh=False))
    assert_same_state(fresh.model.state, expected.state)
    probe = matches.slice(250, 30)
    np.testing.assert_allclose(
        after_both.model.predict_proba(probe), expected.predict_proba(probe), atol=1e-12
    )
    # The training profile comes from the artifact, not from the results.
    assert after_both.profile == training_profile(model)


def test_training_profile_counts_unknown_players_and_hero_picks(
    model: TrainedModel, matches: pl.DataFrame
) -> None:
    train = matches.head(150)
    profile = training_profile(model)
    accounts = train.select(pl.col("^.*_account_id_.*$"))
    missing = accounts.select(pl.sum_horizontal(pl.all().is_null())).to_series().sum()
    assert profile.unknown_player_share == pytest.approx(missing / (10 * train.height))
    # Hero picks weighted like the hero statistics: 2^(-age / half-life) at the training end.
    frame, key = time_order(prepare_matches(train, require_label=True))
    days = match_days(frame, key)
    half_life = model.state.hero_half_life_days
    assert half_life > 0 and days[-1] - days[0] > half_life / 10  # the decay shows
    weight = 2.0 ** (-(days[-1] - days) / half_life)
    expected: dict[int, float] = {}
    for column in (c for c in frame.columns if "_hero_" in c):
        for hero, w in zip(frame[column].to_list(), weight, strict=True):
            expected[int(hero)] = expected.get(int(hero), 0.0) + float(w)
    assert profile.hero_games == pytest.approx(expected, rel=1e-12)


def test_the_cached_active_model_is_the_rolled_forward_one(
    database_url: str, model: TrainedModel, matches: pl.DataFrame
) -> None:
    """The lean /predict path serves what ModelStore.refresh advanced, from its next call on."""
    store_model(database_url, model)

    async def scenario() -> None:
        engine = make_engine(database_url)
        factory = make_session_factory(engine)
        store = ModelStore()
        cache = ActiveModelCache(store)
        try:
            async with transaction(factory) as session:
                await activate_model(session, MODEL_ID)
            await cache.refresh(factory)
            before = cache.lookup(None)
            assert before is not None and before.model.results_applied == 0
            async with transaction(factory) as session:
                await insert_results(session, matches.slice(150, 80))
            async with factory() as session:
                await store.refresh(session)
            after = cache.lookup(None)
            assert after is not None and after.model_id == MODEL_ID
            assert after.model.results_applied == 80
            entry = store.cached()[MODEL_ID]
            assert after.model is entry.model
            probe = matches.slice(250, 30)
            assert not np.allclose(
                after.model.predict_proba(probe), before.model.predict_proba(probe), atol=1e-12
            )
        finally:
            await engine.dispose()

    asyncio.run(scenario())
