"""AsyncDotaPredict against the live service: the same routes and errors, awaited."""

from __future__ import annotations

import asyncio
from pathlib import Path

import polars as pl
import pytest

from dota_predict_sdk import (
    AsyncDotaPredict,
    Conflict,
    InvalidInput,
    JobFailed,
    JobStatusRead,
    NotFound,
    ServiceUnavailable,
)
from tests.conftest import csv_bytes
from tests.sdk.conftest import DIRE, RADIANT
from tests.support.live_service import LiveService, free_port

pytestmark = pytest.mark.slow


def test_read_routes_and_predictions(
    service: LiveService, default_model_id: str, real_matches: pl.DataFrame
) -> None:
    async def scenario() -> None:
        async with AsyncDotaPredict(service.base_url) as sdk:
            await sdk.activate(default_model_id)
            health, types, heroes, models = await asyncio.gather(
                sdk.health(), sdk.model_types(), sdk.heroes(), sdk.list_models()
            )
            assert health.active_model_id == default_model_id == await sdk.active_model_id()
            assert "catboost" in {t.name for t in types} and len(heroes) > 100
            assert default_model_id in {m.model_id for m in models}
            info = await sdk.model_info(default_model_id)
            assert info.is_active and info.job_id
            assert (await sdk.job(info.job_id)).status == "succeeded"
            assert (await sdk.latest_job(default_model_id)).job_id == info.job_id
            assert info.job_id in {j.job_id for j in await sdk.jobs(limit=100)}
            accounts = await sdk.account_ids(limit=3, offset=1)
            assert len(accounts.account_ids) == 3 and accounts.offset == 1
            drafts = await asyncio.gather(
                *(sdk.predict(RADIANT, DIRE, explain=e) for e in (False, True))
            )
            assert drafts[0].radiant_win_probability == pytest.approx(
                drafts[1].radiant_win_probability
            )
            assert drafts[1].factors and not drafts[0].factors
            data = csv_bytes(real_matches.tail(25))
            result = await sdk.predict_csv(data, model_id=default_model_id)
            frame = await sdk.predict_csv_frame(real_matches.tail(25).to_pandas())
            assert len(result.predictions) == len(frame) == 25
            assert frame["radiant_win_probability"].tolist() == pytest.approx(
                [p.radiant_win_probability for p in result.predictions]
            )

    asyncio.run(scenario())


def test_train_with_progress_activate_and_cancel(
    service: LiveService, default_model_id: str, training_csv_path: Path
) -> None:
    async def scenario() -> None:
        async with AsyncDotaPredict(service.base_url) as sdk:
            seen: list[JobStatusRead] = []
            info = await sdk.train(
                "catboost",
                {"iterations": 100, "depth": 4},
                data=training_csv_path,
                model_id="async-cb",
                on_progress=seen.append,
            )
            assert info.status == "ready" and seen[-1].status == "succeeded"
            assert (await sdk.activate("async-cb")).is_active
            assert (await sdk.predict(RADIANT, DIRE)).model_id == "async-cb"
            await sdk.activate(default_model_id)

            accepted = await sdk.fit("catboost", {"iterations": 5000}, model_id="async-slow")
            with pytest.raises(TimeoutError):
                await sdk.wait_for_job(accepted.job_id, timeout=0.2, poll_interval=0.05)
            assert (await sdk.cancel(accepted.job_id)).status == "cancelled"
            with pytest.raises(JobFailed) as failed:
                await sdk.wait_for_job(accepted.job_id)
            assert failed.value.job.job_id == accepted.job_id

    asyncio.run(scenario())


def test_errors_are_typed(service: LiveService, default_model_id: str) -> None:
    async def scenario() -> None:
        async with AsyncDotaPredict(service.base_url) as sdk:
            with pytest.raises(NotFound, match="no model with model_id 'ghost'"):
                await sdk.model_info("ghost")
            with pytest.raises(NotFound):
                await sdk.cancel("job-ghost")
            with pytest.raises(InvalidInput) as caught:
                await sdk.fit("logistic_regression", {"C": -1})
            assert caught.value.field == "hyperparameters.C"
            with pytest.raises(Conflict, match="already taken"):
                await sdk.fit(model_id=default_model_id)
            with pytest.raises(InvalidInput) as caught:
                await sdk.predict(RADIANT, DIRE[:3])
            assert caught.value.field == "dire"
        async with AsyncDotaPredict(f"http://127.0.0.1:{free_port()}") as nobody:
            with pytest.raises(ServiceUnavailable, match="cannot reach the service") as down:
                await nobody.heroes()
            assert down.value.status_code == 0

    asyncio.run(scenario())
