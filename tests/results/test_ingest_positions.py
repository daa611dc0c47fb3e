"""A results post stores, reports every model without loading it, and advances only served ones.

``models_updated`` comes from each model's stored position (``backend/results/positions.py``);
here it is checked against what the former computation gave: the model loaded with every stored
result applied (a fresh ``ModelStore``), and its artifact's training end for the skips.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

import numpy as np
import polars as pl
import pytest

from backend.api.data.results import ingest_results, with_roll_forward
from backend.api.data.schemas import ModelRollForward, ResultsIngested
from backend.api.models import registry
from backend.context import AppContext
from backend.db.engine import make_engine, make_session_factory, transaction
from backend.db.tables import RollForwardState
from backend.db.trained import new_state_row, training_end_of
from backend.ledger import LedgerRecorder
from backend.ml import TrainedModel, train_model
from backend.ml.rollforward import applicable
from backend.results import results_since
from backend.results.positions import stored_positions
from backend.serving.store import ModelStore
from backend.settings import Settings
from tests.results.conftest import store_model
from tests.results.test_served_models import assert_same_state

T = TypeVar("T")
COPIES = [f"copy-{i}" for i in range(8)]  # the time-ordered model under many ids
BY_ID = "by-match-id"  # a model trained without start_time: ordered by match_id


@pytest.fixture(scope="module")
def matches(real_matches: pl.DataFrame) -> pl.DataFrame:
    """300 real matches with a start_time, in time order; models are trained on the first 150."""
    dated = real_matches.filter(pl.col("start_time").is_not_null())
    return dated.sort(["start_time", "match_id"]).tail(300)


@pytest.fixture(scope="module")
def model(matches: pl.DataFrame) -> TrainedModel:
    return train_model(matches.head(150), "logistic_regression", None)


@pytest.fixture(scope="module")
def by_id_model(matches: pl.DataFrame) -> TrainedModel:
    frame = matches.head(150).with_columns(pl.lit(None, dtype=pl.Int64).alias("start_time"))
    return train_model(frame, "logistic_regression", None)


def _uploads(matches: pl.DataFrame) -> list[pl.DataFrame]:
    """Posts out of time order, partly before the training end, some undated, one repeated."""
    undated = matches.slice(160, 40).with_columns(
        pl.when(pl.int_range(pl.len()) % 8 == 0)
        .then(None)
        .otherwise(pl.col("start_time"))
        .alias("start_time")
    )
    return [
        matches.slice(220, 60),  # after the training end
        undated,  # older than what was applied: a served model is rebuilt
        matches.slice(130, 25),  # 20 at or before the training end (row 149), 5 after
        pl.concat([matches.slice(225, 3), matches.slice(280, 1)]),  # 3 stored already
        matches.slice(281, 1),  # one new result
    ]


def _run(url: str, scenario: Callable[[AppContext], Awaitable[T]]) -> T:
    async def main() -> T:
        engine = make_engine(url)
        ctx = AppContext(
            settings=Settings(database_url=url),
            engine=engine,
            session_factory=make_session_factory(engine),
            ledger=LedgerRecorder(),
        )
        try:
            return await scenario(ctx)
        finally:
            await engine.dispose()

    return asyncio.run(main())


async def _post(ctx: AppContext, frame: pl.DataFrame) -> ResultsIngested:
    return await ingest_results(ctx, frame.write_csv().encode())


def _store_models(url: str, model: TrainedModel, by_id_model: TrainedModel) -> None:
    for model_id in COPIES:
        store_model(url, model, model_id)
    store_model(url, by_id_model, BY_ID)


async def _expected(
    ctx: AppContext, model_id: str, inserted: pl.DataFrame
) -> tuple[ModelRollForward, TrainedModel]:
    """What the former code reported: the model loaded afresh with every stored result."""
    async with ctx.session_factory() as session:
        entry = await ModelStore().entry(session, model_id)
    assert entry is not None
    state = entry.model.state
    skips = applicable(entry.artifact.state, inserted).skips
    position = state.ratings_as_of
    assert position is not None
    start = position.start_time
    return (
        ModelRollForward(
            model_id=model_id,
            ratings_as_of={
                "match_id": position.match_id,
                "start_time": datetime.fromtimestamp(start, UTC) if start is not None else None,
            },
            results_applied=state.results_applied,
            skipped_older=skips[0],
            skipped_undated=skips[2],
        ),
        entry.model,
    )


def test_a_post_loads_no_model_this_process_does_not_serve(
    database_url: str,
    model: TrainedModel,
    by_id_model: TrainedModel,
    matches: pl.DataFrame,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _store_models(database_url, model, by_id_model)
    decoded: list[str] = []
    original = TrainedModel.from_bytes

    def counting(content: bytes, sha256: str | None = None) -> TrainedModel:
        decoded.append(sha256 or "")
        return original(content, sha256)

    monkeypatch.setattr(TrainedModel, "from_bytes", staticmethod(counting))
    uploads = _uploads(matches)

    async def scenario(ctx: AppContext) -> None:
        first = await _post(ctx, uploads[0])
        assert len(first.models_updated) == len(COPIES) + 1
        assert ctx.models.cached() == {}  # reported, none loaded into the serving cache
        # Models stored before positions existed had their training end read once.
        assert len(decoded) == len(COPIES) + 1
        decoded.clear()
        async with ctx.session_factory() as session:
            served = await ctx.models.entry(session, COPIES[0])  # this process serves one
        assert served is not None and served.model.results_applied == 60
        decoded.clear()
        for upload in uploads[1:]:
            body = await _post(ctx, upload)
            assert len(body.models_updated) == len(COPIES) + 1
            assert set(ctx.models.cached()) == {COPIES[0]}
        # The served model was advanced, and rebuilt from its artifact for the two posts with
        # results older than some it had applied; no other artifact was read.
        assert len(decoded) == 2
        cached = ctx.models.cached()[COPIES[0]]
        async with ctx.session_factory() as session:
            fresh = await ModelStore().entry(session, COPIES[0])
        assert fresh is not None and cached.applied_seq == fresh.applied_seq == len(uploads)
        assert_same_state(cached.model.state, fresh.model.state)

    _run(database_url, scenario)


def test_models_updated_equals_what_loading_each_model_gives(
    database_url: str, model: TrainedModel, by_id_model: TrainedModel, matches: pl.DataFrame
) -> None:
    _store_models(database_url, model, by_id_model)
    # One model is written as training writes it (its position row beside the artifact).
    store_model(database_url, model, "trained")

    async def add_row(ctx: AppContext) -> None:
        async with transaction(ctx.session_factory) as session:
            session.add(new_state_row("trained", training_end_of(model.state)))

    _run(database_url, add_row)

    async def scenario(ctx: AppContext) -> None:
        stored = 0
        for seq, upload in enumerate(_uploads(matches), start=1):
            body = await _post(ctx, upload)
            stored += body.ingested
            async with ctx.session_factory() as session:
                inserted = await results_since(session, seq - 1, seq)
            assert inserted.height == body.ingested
            got = {m.model_id: m for m in body.models_updated}
            assert set(got) == {*COPIES, BY_ID, "trained"}
            for model_id in (COPIES[0], COPIES[-1], BY_ID, "trained"):
                expected, _ = await _expected(ctx, model_id, inserted.drop("__seq"))
                assert got[model_id] == expected, (model_id, upload.height)
            seen.append(body)
        # Something was applied, skipped as older and undated, else the check proves little.
        assert {m.model_id: m.results_applied for m in seen[-1].models_updated}[BY_ID] > 100
        assert sum(m.skipped_older for b in seen for m in b.models_updated) > 0
        assert sum(m.skipped_undated for b in seen for m in b.models_updated) > 0
        assert stored == sum(u.height for u in _uploads(matches)) - 3
        # model_info reports the same without loading the model into this process either.
        for model_id in (COPIES[1], BY_ID):
            async with ctx.session_factory() as session:
                info = await with_roll_forward(
                    ctx, session, await registry.model_info(session, model_id)
                )
            expected, _ = await _expected(ctx, model_id, matches.clear())
            assert (info.ratings_as_of, info.results_applied) == (
                expected.ratings_as_of,
                expected.results_applied,
            )
        assert ctx.models.cached() == {}

    seen: list[ResultsIngested] = []
    _run(database_url, scenario)


def test_a_model_first_served_after_posts_is_its_artifact_plus_every_result(
    database_url: str, model: TrainedModel, by_id_model: TrainedModel, matches: pl.DataFrame
) -> None:
    _store_models(database_url, model, by_id_model)
    uploads = _uploads(matches)
    probe = matches.slice(282, 18)

    async def scenario(ctx: AppContext) -> dict[str, Any]:
        for upload in uploads:
            await _post(ctx, upload)
        async with ctx.session_factory() as session:
            served = {m: await ctx.models.entry(session, m) for m in (COPIES[3], BY_ID)}
            everything = await results_since(session, 0, len(uploads))
        return {"served": served, "results": everything}

    out = _run(database_url, scenario)
    stored = out["results"].drop("__seq")
    for model_id, artifact in ((COPIES[3], model), (BY_ID, by_id_model)):
        entry = out["served"][model_id]
        assert entry is not None
        expected, report = artifact.advance(stored)  # artifact + every stored result, in order
        assert report.applied > 0
        assert_same_state(entry.model.state, expected.state)
        np.testing.assert_allclose(
            entry.model.predict_proba(probe), expected.predict_proba(probe), rtol=0, atol=1e-12
        )


def test_positions_stay_in_step_when_a_batch_bypasses_them(
    database_url: str, model: TrainedModel, by_id_model: TrainedModel, matches: pl.DataFrame
) -> None:
    """A row behind the counter (here: reset by hand) is counted again from the stored results."""
    _store_models(database_url, model, by_id_model)
    uploads = _uploads(matches)

    async def scenario(ctx: AppContext) -> None:
        await _post(ctx, uploads[0])
        async with transaction(ctx.session_factory) as session:
            row = await session.get(RollForwardState, BY_ID)
            assert row is not None
            row.seq, row.results_applied = -1, 0
            session.add(row)
        body = await _post(ctx, uploads[2])
        got = {m.model_id: m for m in body.models_updated}
        async with ctx.session_factory() as session:
            inserted = (await results_since(session, 1, 2)).drop("__seq")
            positions = await stored_positions(session)
        expected, _ = await _expected(ctx, BY_ID, inserted)
        assert got[BY_ID] == expected
        assert positions[BY_ID].seq == 2
        assert positions[BY_ID].results_applied == expected.results_applied > 60

    _run(database_url, scenario)


def test_concurrent_posts_from_two_processes_keep_positions_exact(
    database_url: str, model: TrainedModel, by_id_model: TrainedModel, matches: pl.DataFrame
) -> None:
    """Two API processes posting at once: each batch is counted once, in commit order."""
    _store_models(database_url, model, by_id_model)
    uploads = _uploads(matches)

    async def scenario(ctx: AppContext) -> None:
        other_engine = make_engine(database_url)
        other = AppContext(
            settings=ctx.settings,
            engine=other_engine,
            session_factory=make_session_factory(other_engine),
            ledger=LedgerRecorder(),
        )
        try:
            await _post(ctx, uploads[0])  # both processes' rows exist from here on
            for a, b in ((uploads[1], uploads[2]), (uploads[3], uploads[4])):
                await asyncio.gather(_post(ctx, a), _post(other, b))
        finally:
            await other_engine.dispose()
        async with ctx.session_factory() as session:
            positions = await stored_positions(session)
        assert {p.seq for p in positions.values()} == {len(uploads)}
        for model_id in (COPIES[0], BY_ID):
            expected, _ = await _expected(ctx, model_id, matches.clear())
            position = positions[model_id]
            assert position.results_applied == expected.results_applied
            assert expected.ratings_as_of is not None
            assert position.as_of_match_id == expected.ratings_as_of.match_id

    _run(database_url, scenario)
