"""/predict's lean path: no database per request, the rolled-forward model, ledger and ids kept."""

from __future__ import annotations

import asyncio
from typing import Any

import polars as pl

from backend.api.models import serving
from backend.api.models.schemas import PlayerPick, PredictRequest
from backend.context import AppContext
from backend.db.engine import make_engine, make_session_factory, transaction
from backend.db.registry import activate_model
from backend.ledger import LedgerRecorder
from backend.matches import ACCOUNT_COLUMNS, HERO_COLUMNS
from backend.ml import TrainedModel
from backend.results import insert_results
from backend.settings import Settings
from tests.results.conftest import MODEL_ID, store_model

HEROES = {"radiant": [1, 2, 3, 4, 5], "dire": [6, 7, 8, 9, 10]}  # ids that exist


def _request(row: dict[str, Any], match_id: int | None = None) -> PredictRequest:
    def side(name: str) -> list[PlayerPick]:
        return [
            PlayerPick(hero_id=HEROES[name][i - 1], account_id=row[f"{name}_account_id_{i}"])
            for i in range(1, 6)
        ]

    return PredictRequest(radiant=side("radiant"), dire=side("dire"), match_id=match_id)


def _no_database() -> Any:
    raise AssertionError("the lean /predict path opened a database session")


def test_predict_reads_no_database_and_serves_the_rolled_forward_model(
    database_url: str, model: TrainedModel, matches: pl.DataFrame
) -> None:
    store_model(database_url, model)
    row = matches.row(260, named=True)
    row["dire_account_id_5"] = 4_000_000_000  # a player no model has seen
    request = _request(row, match_id=row["match_id"])

    async def scenario() -> None:
        engine = make_engine(database_url)
        factory = make_session_factory(engine)
        ctx = AppContext(
            settings=Settings(database_url=database_url),
            engine=engine,
            session_factory=factory,
            ledger=LedgerRecorder(),
        )
        try:
            async with transaction(factory) as session:
                await activate_model(session, MODEL_ID)
            await ctx.active.refresh(factory)
            ctx.session_factory = _no_database  # type: ignore[assignment]
            before = await serving.predict_draft(ctx, request)
            frame = serving.draft_frame(request)
            assert before.model_id == MODEL_ID
            assert abs(before.radiant_win_probability - model.predict_proba(frame)[0]) <= 1e-9
            assert before.prediction_id is not None and before.prediction_id.endswith("-0")
            assert 4_000_000_000 in before.unknown_account_ids
            accounts = [a for a in frame.select(ACCOUNT_COLUMNS).row(0) if a is not None]
            assert before.unknown_account_ids == model.unknown_accounts(accounts)
            assert before.unknown_hero_ids == model.unknown_heroes(
                list(frame.select(HERO_COLUMNS).row(0))
            )
            explained = await serving.predict_draft(
                ctx, request.model_copy(update={"explain": True})
            )
            assert explained.factors and explained.factors == [
                type(explained.factors[0])(**f) for f in model.explain(frame)[0]
            ]
            assert ctx.ledger.pending == 2

            # Results arrive; the background refresh advances the store's model: served next.
            ctx.session_factory = factory
            async with transaction(factory) as session:
                await insert_results(session, matches.slice(150, 80))
            async with factory() as session:
                await ctx.models.refresh(session)
            ctx.session_factory = _no_database  # type: ignore[assignment]
            after = await serving.predict_draft(ctx, request)
            advanced = ctx.models.peek(MODEL_ID)
            assert advanced is not None and advanced.results_applied == 80
            assert abs(after.radiant_win_probability - advanced.predict_proba(frame)[0]) <= 1e-9
            assert after.radiant_win_probability != before.radiant_win_probability

            # The ledger writes what was served, from the arrays (off the request path).
            ctx.session_factory = factory
            assert await ctx.ledger.flush(factory) == 3
        finally:
            await engine.dispose()

    asyncio.run(scenario())
