"""Concurrent activations through two API processes: no errors, exactly one active model."""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from backend.db.engine import make_engine, make_session_factory, transaction
from backend.db.migrate import upgrade_to_head
from backend.db.tables import MLModel, ModelStatus
from tests.support.live_service import LiveService
from tests.support.postgres import temporary_database

MODELS = ["m-a", "m-b", "m-c", "m-d"]
CLIENTS_PER_PROCESS = 3
REQUESTS_PER_CLIENT = 35


async def _seed(url: str) -> None:
    engine = make_engine(url)
    async with transaction(make_session_factory(engine)) as session:
        session.add_all(
            MLModel(id=m, model_type="logistic_regression", status=ModelStatus.ready)
            for m in MODELS
        )
    await engine.dispose()


async def _active(url: str) -> list[str]:
    from sqlmodel import col, select

    engine = make_engine(url)
    async with make_session_factory(engine)() as session:
        rows = (await session.exec(select(MLModel.id).where(col(MLModel.is_active)))).all()
    await engine.dispose()
    return list(rows)


def _apis(workdir: Path, redis_url: str, url: str) -> list[LiveService]:
    """Two API processes (no worker: activation needs none) on one database."""
    upgrade_to_head(url)
    asyncio.run(_seed(url))
    apis = []
    for name in ("api1", "api2"):
        (workdir / name).mkdir()
        live = LiveService(
            workdir=workdir / name,
            redis_url=redis_url,
            database=url,
            extra_env={"APP_BOOTSTRAP_DEFAULT_MODEL": "false"},
        )
        live.start_api()
        apis.append(live)
    return apis


def _hammer(base_url: str, seed: int) -> Counter[int]:
    rng = random.Random(seed)
    statuses: Counter[int] = Counter()
    with httpx.Client(base_url=base_url, timeout=60) as client:
        for _ in range(REQUESTS_PER_CLIENT):
            model = rng.choice(MODELS)
            response = client.put("/api/v1/models/activate", json={"model_id": model})
            statuses[response.status_code] += 1
            if response.status_code == 200:
                assert response.json()["model_id"] == model
    return statuses


def _run(apis: list[LiveService], url: str) -> None:
    try:
        jobs = [(api.base_url, 10 * i + k) for i, api in enumerate(apis) for k in range(3)]
        with ThreadPoolExecutor(len(jobs)) as pool:
            results = list(pool.map(lambda job: _hammer(*job), jobs))
        total = sum(results, Counter())
        assert total == Counter({200: len(jobs) * REQUESTS_PER_CLIENT}), (
            total,
            "\n".join(api.logs() for api in apis),
        )
        assert len(asyncio.run(_active(url))) == 1
    finally:
        for api in apis:
            api.stop()


@pytest.fixture
def sqlite_apis(redis_url: str, tmp_path: Path) -> Iterator[tuple[list[LiveService], str]]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'shared.db'}"
    yield _apis(tmp_path, redis_url, url), url


def test_concurrent_activations_sqlite(sqlite_apis: tuple[list[LiveService], str]) -> None:
    _run(*sqlite_apis)


def test_concurrent_activations_postgresql(redis_url: str, tmp_path: Path) -> None:
    with temporary_database() as url:
        _run(_apis(tmp_path, redis_url, url), url)
