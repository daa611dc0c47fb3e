"""The model and dataset lists read only what they show: no evaluation JSON, no file bytes.

With a few hundred models, loading each one's evaluation (curves, tens of KB of JSON decoded on
the event loop) made one list cost ~0.6 s of the API's loop; a dataset list read every stored
file. These tests watch the SQL the lists send and check they still show the same thing.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import event
from sqlmodel import col, select

from backend.api.data import datasets
from backend.api.models import registry
from backend.db.engine import make_engine, make_session_factory
from backend.db.tables import Dataset, MLModel, ModelStatus

HEAVY = {"curves": {"roc": [[i / 100, i / 100] for i in range(100)]}}


def _statements(engine: Any) -> list[str]:
    seen: list[str] = []

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def remember(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement.lower())

    return seen


def test_the_model_list_reads_no_evaluation_and_shows_what_it_did(database_url: str) -> None:
    async def scenario() -> None:
        engine = make_engine(database_url)
        factory = make_session_factory(engine)
        start = datetime(2026, 1, 1, tzinfo=UTC)
        async with factory() as session, session.begin():
            for i in range(5):
                session.add(
                    MLModel(
                        id=f"m{i}",
                        model_type="logistic_regression",
                        status=ModelStatus.ready if i % 2 else ModelStatus.failed,
                        is_active=i == 3,
                        created_at=start + timedelta(hours=i),
                        evaluation=HEAVY,
                        feature_importances=[["x", 0.5]],
                        training_summary={"n": i},
                        description=f"model {i}",
                        tags=["night", f"t{i}"],
                    )
                )
        seen = _statements(engine)
        async with factory() as session:
            listed = await registry.list_models(session, tags=["NIGHT"], text="model")
            ready = await registry.list_models(session, status=ModelStatus.ready)
        selects = [s for s in seen if s.lstrip().startswith("select")]
        assert selects and not any(
            word in s for s in selects for word in ("evaluation", "feature_importances")
        )
        async with factory() as session:  # the reference: whole rows, summarised
            rows = (
                await session.exec(select(MLModel).order_by(col(MLModel.created_at).desc()))
            ).all()
            expected = [registry.summary(m) for m in rows]
        assert listed.models == expected
        assert [m.model_id for m in listed.models] == ["m4", "m3", "m2", "m1", "m0"]
        assert [m.model_id for m in ready.models] == ["m3", "m1"]
        assert listed.models[1].is_active and listed.models[1].tags == ["night", "t3"]
        await engine.dispose()

    asyncio.run(scenario())


def test_the_dataset_list_reads_no_file(database_url: str) -> None:
    async def scenario() -> None:
        engine = make_engine(database_url)
        factory = make_session_factory(engine)
        async with factory() as session, session.begin():
            await datasets.ensure_default(session)
            session.add(
                Dataset(
                    id="d1",
                    filename="a.csv",
                    sha256="0" * 64,
                    n_matches=3,
                    size_bytes=9,
                    content=b"x" * 9,
                )
            )
        seen = _statements(engine)
        async with factory() as session:
            listed = await datasets.list_datasets(session)
        # (ensure_default reads the bundled row by id: its content is NULL)
        listing = [s for s in seen if "order by datasets.created_at" in s]
        assert listing and not any("datasets.content" in s for s in listing)
        assert listed[0].id == datasets.DEFAULT_DATASET_ID
        assert {d.id: d.n_matches for d in listed}["d1"] == 3
        await engine.dispose()

    asyncio.run(scenario())
