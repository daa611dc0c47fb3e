"""The per-process active-model cache: follows the database, and a local activation at once."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from backend.db.engine import make_engine, make_session_factory, transaction
from backend.db.migrate import upgrade_to_head
from backend.db.registry import activate_model
from backend.db.tables import MLModel, ModelArtifact, ModelStatus
from backend.matches import load_default_matches
from backend.ml import TrainedModel, train_model
from backend.ml.artifacts import sha256_hex
from backend.serving.active import ActiveModelCache
from backend.serving.store import ModelStore


@pytest.fixture(scope="module")
def artifact() -> bytes:
    return train_model(load_default_matches().tail(400), "logistic_regression", None).to_bytes()


def test_the_cache_follows_activations_and_serves_a_local_one_at_once(
    tmp_path: Path, artifact: bytes
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'cache.db'}"
    upgrade_to_head(url)

    async def scenario() -> None:
        engine = make_engine(url)
        factory = make_session_factory(engine)
        store = ModelStore()
        cache = ActiveModelCache(store)
        try:
            await cache.refresh(factory)
            assert cache.current_id is None and cache.lookup(None) is None
            async with transaction(factory) as session:
                for model_id in ("first", "second"):
                    session.add(MLModel(id=model_id, model_type="lr", status=ModelStatus.ready))
                    await session.flush()
                    session.add(
                        ModelArtifact(
                            model_id=model_id,
                            content=artifact,
                            size_bytes=len(artifact),
                            sha256=sha256_hex(artifact),
                        )
                    )
                await activate_model(session, "first")
            await cache.refresh(factory)  # loads the model into the store, then switches
            first = cache.lookup(None)
            assert first is not None and first.model_id == "first"
            assert isinstance(first.model, TrainedModel)
            assert first.model is store.peek("first")  # the store's (rolled-forward) object
            assert cache.lookup("first") == first
            assert cache.lookup("second") is None  # not the active one: the caller asks the DB

            async with transaction(factory) as session:
                await activate_model(session, "second")
            assert cache.lookup(None) == first  # until the next poll
            await cache.refresh(factory)
            second = cache.lookup(None)
            assert second is not None and second.model_id == "second"
            assert second.model is store.peek("second")

            # An activation in this process is served before any poll sees it.
            cache.pin("first")
            pinned = cache.lookup(None)
            assert pinned is not None and pinned.model_id == "first"
            # A pinned model not loaded in this process: None, the caller loads it (DB path).
            store.discard("first")
            assert cache.lookup(None) is None
        finally:
            await engine.dispose()

    asyncio.run(scenario())
