"""Backtest jobs through both SDK clients: start, wait, read the stored report."""

from __future__ import annotations

import asyncio

import polars as pl
import pytest

from dota_predict_sdk import AsyncDotaPredict, Conflict, DotaPredict, InvalidInput, NotFound
from tests.support.live_service import LiveService

pytestmark = pytest.mark.slow


def test_start_wait_and_read_a_backtest_job(
    sdk: DotaPredict, default_model_id: str, real_matches: pl.DataFrame
) -> None:
    frame = real_matches.sort("match_id").tail(200)
    job = sdk.start_backtest_job(frame, apply_every=10, include_training_matches=True)
    assert job.status == "queued" and job.n_matches == 200
    final = sdk.wait_for_backtest(job.job_id, timeout=300, poll_interval=0.2)
    assert final.status == "succeeded", final.error
    assert isinstance(final.backtest_id, str)
    report = sdk.evaluation(final.backtest_id)
    assert default_model_id in [r.model_id for r in report.results]
    assert job.job_id in [j.job_id for j in sdk.backtest_jobs()]
    with pytest.raises(Conflict):
        sdk.cancel_backtest_job(job.job_id)
    with pytest.raises(NotFound):
        sdk.backtest_job("backtest-job-unknown")
    with pytest.raises(InvalidInput) as bad:
        sdk.start_backtest_job(frame, apply_every="weekly")
    assert "apply_every" in str(bad.value)


def test_async_backtest_job(service: LiveService, real_matches: pl.DataFrame) -> None:
    frame = real_matches.sort("match_id").tail(100)

    async def scenario() -> None:
        async with AsyncDotaPredict(service.base_url) as sdk:
            job = await sdk.start_backtest_job(frame, include_training_matches=True)
            final = await sdk.wait_for_backtest(job.job_id, timeout=300, poll_interval=0.2)
            assert final.status == "succeeded", final.error
            assert (await sdk.backtest_job(job.job_id)).backtest_id == final.backtest_id

    asyncio.run(scenario())
