"""A migrated SQLite file (or PostgreSQL database) and a small trained model for these tests."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest

from backend.db.engine import make_engine, make_session_factory
from backend.db.migrate import upgrade_to_head
from backend.db.tables import MLModel, ModelArtifact, ModelStatus
from backend.ml import TrainedModel, train_model
from tests.ml.ml_testdata import make_matches
from tests.support.postgres import temporary_database

MODEL_ID = "small-lr"


@pytest.fixture(scope="session")
def matches() -> pl.DataFrame:
    """300 synthetic matches in time order; a model is trained on the first 150."""
    return make_matches(300, seed=21, n_players=60, unknown_share=0.1)


@pytest.fixture(scope="session")
def model(matches: pl.DataFrame) -> TrainedModel:
    return train_model(matches.head(150), "logistic_regression", None)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty migrated database of each kind (PostgreSQL skipped when none answers)."""
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path / 'results.db'}"
        upgrade_to_head(url)
        yield url
        return
    with temporary_database() as url:
        upgrade_to_head(url)
        yield url


def store_model(url: str, model: TrainedModel, model_id: str = MODEL_ID) -> None:
    """Insert a ready model and its artifact, as a worker would."""

    async def run() -> None:
        engine = make_engine(url)
        async with make_session_factory(engine)() as session, session.begin():
            session.add(MLModel(id=model_id, model_type=model.model_type, status=ModelStatus.ready))
            await session.flush()
            content = model.to_bytes()
            session.add(
                ModelArtifact(
                    model_id=model_id,
                    content=content,
                    size_bytes=len(content),
                    sha256=hashlib.sha256(content).hexdigest(),
                )
            )
        await engine.dispose()

    asyncio.run(run())
