"""/predict with the model_id of a model that is not active: served like the active one.

In-process, on a real database file: a model asked for by id is read from the database once
(404/409 as before), then served from the process caches without a database session, with
exactly the probabilities (and factors, unknown ids) of the slow path (a cache that admits
nothing) and of the same model served as the active one: LR, CatBoost and histogram boosting,
with and without account ids, live and at a match's point in time, after results roll the
model forward; and a model deleted (here or in another process), not ready, or stored again
under the same id is never served from the cache.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import polars as pl
import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.api.models import serving
from backend.api.models.lifecycle import delete_model
from backend.api.models.schemas import PlayerPick, Prediction, PredictRequest
from backend.context import AppContext
from backend.db.engine import make_engine, make_session_factory, transaction
from backend.db.registry import activate_model
from backend.db.tables import MLModel
from backend.errors import ApiError
from backend.ledger import LedgerRecorder
from backend.ml import TrainedModel, train_model
from backend.results import insert_results
from backend.serving.by_id import ByIdCache
from backend.settings import Settings
from tests.results.conftest import store_model

CHAMPION = "champion-lr"  # the active model
CHALLENGER = "challenger"  # the model asked for by id
MODEL_TYPES: dict[str, dict[str, Any] | None] = {
    "logistic_regression": None,
    "catboost": {"iterations": 40, "depth": 4},
    "hist_gradient_boosting": {"max_iter": 20},
}
HEROES = {"radiant": [1, 2, 3, 4, 5], "dire": [6, 7, 8, 9, 10]}  # ids that exist
RESULTS = (150, 80)  # results ingested: matches 150..229 (after the training slice)


@pytest.fixture(scope="module")
def trained(matches: pl.DataFrame) -> dict[str, TrainedModel]:
    """One small model of each type on the first 150 matches."""
    return {t: train_model(matches.head(150), t, p) for t, p in MODEL_TYPES.items()}


def _no_database() -> Any:
    raise AssertionError("a by-id /predict opened a database session")


def _request(
    row: dict[str, Any],
    *,
    accounts: bool = True,
    match_id: bool = False,
    explain: bool = False,
    model_id: str | None = CHALLENGER,
) -> PredictRequest:
    def side(name: str) -> list[PlayerPick]:
        return [
            PlayerPick(
                hero_id=HEROES[name][i - 1],
                account_id=row[f"{name}_account_id_{i}"] if accounts else None,
            )
            for i in range(1, 6)
        ]

    return PredictRequest(
        radiant=side("radiant"),
        dire=side("dire"),
        model_id=model_id,
        explain=explain,
        match_id=row["match_id"] if match_id else None,
    )


def _context(url: str, factory: async_sessionmaker[AsyncSession]) -> AppContext:
    engine = make_engine(url)
    return AppContext(
        settings=Settings(database_url=url),
        engine=engine,
        session_factory=factory,
        ledger=LedgerRecorder(),
    )


@asynccontextmanager
async def _database(url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = make_engine(url)
    try:
        yield make_session_factory(engine)
    finally:
        await engine.dispose()


async def _activate(
    factory: async_sessionmaker[AsyncSession], model_id: str, *contexts: AppContext
) -> None:
    async with transaction(factory) as session:
        await activate_model(session, model_id)
    for ctx in contexts:
        await ctx.active.refresh(factory)


async def _roll_forward(
    factory: async_sessionmaker[AsyncSession], frame: pl.DataFrame, *contexts: AppContext
) -> None:
    """Results stored, and each process's store advanced (its background refresh's step)."""
    async with transaction(factory) as session:
        await insert_results(session, frame)
    for ctx in contexts:
        async with factory() as session:
            await ctx.models.refresh(session)


def _same(a: Prediction, b: Prediction) -> None:
    """Equal in everything but the ledger's prediction id (each process has its own)."""
    assert a.model_dump(exclude={"prediction_id"}) == b.model_dump(exclude={"prediction_id"})


async def _error(call: Awaitable[Prediction]) -> dict[str, Any]:
    with pytest.raises(ApiError) as raised:
        await call
    return raised.value.body.model_dump()


class Processes:
    """Three processes' contexts on one database: ``by_id`` serves the challenger by id,
    ``slow`` does too with a cache that admits nothing (every request reads the database,
    as before), ``active`` serves it as its active model."""

    def __init__(self, url: str, factory: async_sessionmaker[AsyncSession]) -> None:
        self.factory = factory
        self.by_id = _context(url, factory)
        self.slow = _context(url, factory)
        self.slow.by_id = ByIdCache(self.slow.models, capacity=0)
        self.active = _context(url, factory)

    async def start(self) -> None:
        # The first two follow the champion, then the challenger is activated for the third
        # (in-process contexts follow activations only when refreshed).
        await _activate(self.factory, CHAMPION, self.by_id, self.slow)
        await _activate(self.factory, CHALLENGER, self.active)

    async def predict(self, request: PredictRequest) -> Prediction:
        """By id without a database session, checked against the slow and active paths."""
        self.by_id.session_factory = _no_database  # type: ignore[assignment]
        try:
            fast = await serving.predict_draft(self.by_id, request)
        finally:
            self.by_id.session_factory = self.factory
        slow = await serving.predict_draft(self.slow, request)
        active = await serving.predict_draft(
            self.active, request.model_copy(update={"model_id": None})
        )
        assert fast.model_id == CHALLENGER
        _same(fast, slow)
        _same(fast, active)
        return fast


@pytest.mark.parametrize("model_type", list(MODEL_TYPES))
def test_by_id_equals_the_slow_and_the_active_path_exactly(
    database_url: str,
    trained: dict[str, TrainedModel],
    matches: pl.DataFrame,
    model_type: str,
) -> None:
    model = trained[model_type]
    store_model(database_url, trained["logistic_regression"], CHAMPION)
    store_model(database_url, model, CHALLENGER)
    live_row = matches.row(260, named=True)  # after every result ingested below
    past_row = matches.row(200, named=True)  # its result and later ones are ingested below

    async def scenario() -> None:
        async with _database(database_url) as factory:
            p = Processes(database_url, factory)
            await p.start()
            first = await serving.predict_draft(p.by_id, _request(live_row))  # reads the row
            assert CHALLENGER in p.by_id.by_id and CHALLENGER not in p.slow.by_id
            assert first.model_id == CHALLENGER
            drafts = [
                _request(row, accounts=accounts, match_id=at, explain=explain)
                for row in (live_row, past_row)
                for accounts in (True, False)
                for at in (False, True)
                for explain in (False, True)
            ]
            before = [await p.predict(d) for d in drafts]
            frame = serving.draft_frame(drafts[0])
            assert before[0].radiant_win_probability == pytest.approx(
                float(model.predict_proba(frame)[0]), abs=1e-9
            )
            assert before[1].factors  # explain

            start, n = RESULTS
            await _roll_forward(factory, matches.slice(start, n), p.by_id, p.slow, p.active)
            after = [await p.predict(d) for d in drafts]
            rolled = model.advance(matches.slice(start, n))[0]
            assert after[0].radiant_win_probability == pytest.approx(
                float(rolled.predict_proba(frame)[0]), abs=1e-9
            )
            assert after[0].radiant_win_probability != before[0].radiant_win_probability
            # The past match with its match_id: the artifact plus the results before it only.
            past = drafts[8 + 2]  # past_row, with accounts, at its match id, no explain
            assert past.match_id == past_row["match_id"] and not past.explain
            at_time = model.advance(matches.slice(start, 200 - start))[0]
            got = after[8 + 2].radiant_win_probability
            assert got == pytest.approx(
                float(at_time.predict_proba(serving.draft_frame(past))[0]), abs=1e-9
            )
            assert abs(after[8].radiant_win_probability - got) > 1e-6  # live: latest state
            # Later results move the live drafts, never the past match's.
            await _roll_forward(factory, matches.slice(start + n, 20), p.by_id, p.slow, p.active)
            later = [await p.predict(d) for d in drafts]
            assert later[8 + 2].radiant_win_probability == pytest.approx(got, abs=1e-9)
            entry = p.by_id.models.peek_entry(CHALLENGER)
            assert entry is not None and entry.model.results_applied == n + 20
            rolled = model.advance(matches.slice(start, n + 20))[0]
            assert later[0].radiant_win_probability == pytest.approx(
                float(rolled.predict_proba(frame)[0]), abs=1e-9
            )

    asyncio.run(scenario())


def test_a_model_deleted_here_gets_the_same_404_at_once(
    database_url: str, trained: dict[str, TrainedModel], matches: pl.DataFrame
) -> None:
    store_model(database_url, trained["logistic_regression"], CHAMPION)
    store_model(database_url, trained["catboost"], CHALLENGER)
    request = _request(matches.row(260, named=True))

    async def scenario() -> None:
        async with _database(database_url) as factory:
            p = Processes(database_url, factory)
            await _activate(factory, CHAMPION, p.by_id, p.slow)
            await serving.predict_draft(p.by_id, request)
            assert CHALLENGER in p.by_id.by_id
            async with transaction(factory) as session:
                await delete_model(p.by_id, session, CHALLENGER)
            assert CHALLENGER not in p.by_id.by_id and CHALLENGER not in p.by_id.models
            error = await _error(serving.predict_draft(p.by_id, request))
            assert error["status_code"] == 404 and error["error"] == "model_not_found"
            assert error == await _error(serving.predict_draft(p.slow, request))
            assert error == await _error(serving.predict_draft(_context(database_url, factory),
                                                               request))  # fmt: skip

    asyncio.run(scenario())


def test_another_process_deleting_or_replacing_the_model_is_followed_by_the_poll(
    database_url: str, trained: dict[str, TrainedModel], matches: pl.DataFrame
) -> None:
    store_model(database_url, trained["logistic_regression"], CHAMPION)
    store_model(database_url, trained["catboost"], CHALLENGER)
    request = _request(matches.row(260, named=True))

    async def scenario() -> None:
        async with _database(database_url) as factory:
            here, other = _context(database_url, factory), _context(database_url, factory)
            await _activate(factory, CHAMPION, here, other)
            served = await serving.predict_draft(here, request)
            await here.by_id.refresh(factory)  # nothing changed: still served by id
            assert CHALLENGER in here.by_id
            async with transaction(factory) as session:
                await delete_model(other, session, CHALLENGER)
            await here.by_id.refresh(factory)  # the background poll's step
            assert CHALLENGER not in here.by_id and CHALLENGER not in here.models
            error = await _error(serving.predict_draft(here, request))
            assert error["status_code"] == 404 and error["error"] == "model_not_found"

            # Trained again under the same id (another artifact): the new model is served.
            await asyncio.to_thread(
                store_model, database_url, trained["hist_gradient_boosting"], CHALLENGER
            )
            again = await serving.predict_draft(here, request)
            assert CHALLENGER in here.by_id
            expected = trained["hist_gradient_boosting"].predict_proba(serving.draft_frame(request))
            assert again.radiant_win_probability == pytest.approx(float(expected[0]), abs=1e-12)
            assert again.radiant_win_probability != served.radiant_win_probability
            # ... and once more, by another process, while this one has it cached.
            async with transaction(factory) as session:
                await delete_model(other, session, CHALLENGER)
            await asyncio.to_thread(
                store_model, database_url, trained["logistic_regression"], CHALLENGER
            )
            await here.by_id.refresh(factory)
            assert CHALLENGER not in here.by_id and CHALLENGER not in here.models
            third = await serving.predict_draft(here, request)
            expected = trained["logistic_regression"].predict_proba(serving.draft_frame(request))
            assert third.radiant_win_probability == pytest.approx(float(expected[0]), abs=1e-12)

    asyncio.run(scenario())


def test_a_model_not_ready_gets_the_same_409_and_is_never_cached(
    database_url: str, trained: dict[str, TrainedModel], matches: pl.DataFrame
) -> None:
    store_model(database_url, trained["logistic_regression"], CHAMPION)
    request = _request(matches.row(260, named=True), model_id="still-training")

    async def scenario() -> None:
        async with _database(database_url) as factory:
            async with transaction(factory) as session:
                session.add(MLModel(id="still-training", model_type="catboost"))
            p = Processes(database_url, factory)
            await _activate(factory, CHAMPION, p.by_id, p.slow)
            for _ in range(2):
                error = await _error(serving.predict_draft(p.by_id, request))
                assert error["status_code"] == 409 and error["error"] == "model_not_ready"
                assert error == await _error(serving.predict_draft(p.slow, request))
                assert "still-training" not in p.by_id.by_id
            missing = request.model_copy(update={"model_id": "no-such-model"})
            error = await _error(serving.predict_draft(p.by_id, missing))
            assert error == await _error(serving.predict_draft(p.slow, missing))
            assert error["status_code"] == 404 and error["field"] == "model_id"

    asyncio.run(scenario())


def test_a_load_that_began_before_a_delete_is_not_admitted(
    database_url: str,
    trained: dict[str, TrainedModel],
    matches: pl.DataFrame,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The slow path reads the row, then loads; a delete in between must not be cached."""
    store_model(database_url, trained["logistic_regression"], CHAMPION)
    store_model(database_url, trained["catboost"], CHALLENGER)
    request = _request(matches.row(260, named=True))

    async def scenario() -> None:
        async with _database(database_url) as factory:
            ctx = _context(database_url, factory)
            await _activate(factory, CHAMPION, ctx)
            original: Callable[..., Awaitable[Any]] = serving.load_entry

            async def delete_meanwhile(*args: Any) -> Any:
                entry = await original(*args)
                async with transaction(factory) as session:
                    await delete_model(ctx, session, CHALLENGER)
                return entry

            monkeypatch.setattr(serving, "load_entry", delete_meanwhile)
            await serving.predict_draft(ctx, request)  # read before the delete: served
            monkeypatch.setattr(serving, "load_entry", original)
            assert CHALLENGER not in ctx.by_id
            error = await _error(serving.predict_draft(ctx, request))
            assert error["status_code"] == 404

    asyncio.run(scenario())
