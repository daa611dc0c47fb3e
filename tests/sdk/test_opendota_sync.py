"""The OpenDota sync job through both SDK clients, against the local fake OpenDota."""

from __future__ import annotations

import asyncio
import datetime
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest

from dota_predict_sdk import AsyncDotaPredict, Conflict, DotaPredict, InvalidInput, NotFound
from tests.support.fake_opendota import FakeOpenDota
from tests.support.live_service import LiveService

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def synced(real_matches: pl.DataFrame) -> pl.DataFrame:
    return real_matches.filter(pl.col("start_time").is_not_null()).sort("match_id").tail(120)


@pytest.fixture(scope="module")
def live(
    redis_url: str, tmp_path_factory: pytest.TempPathFactory, synced: pl.DataFrame
) -> Iterator[tuple[LiveService, FakeOpenDota]]:
    with FakeOpenDota(synced) as fake:
        service = LiveService(
            workdir=Path(tmp_path_factory.mktemp("sdk-sync")),
            redis_url=redis_url,
            extra_env={
                "APP_BOOTSTRAP_DEFAULT_MODEL": "false",
                "APP_OPENDOTA_BASE_URL": fake.base_url,
                "APP_OPENDOTA_CALLS_PER_MINUTE": "60000",
            },
        ).start()
        yield service, fake
        service.stop()


def test_start_wait_and_list_a_sync(
    live: tuple[LiveService, FakeOpenDota], synced: pl.DataFrame
) -> None:
    service, _ = live
    first_day = datetime.datetime.fromtimestamp(
        int(synced["start_time"].to_numpy().min()), datetime.UTC
    )
    with DotaPredict(service.base_url) as sdk:
        job = sdk.start_sync(max_matches=500, since=first_day.date(), players=True)
        assert job.status == "queued"
        final = sdk.wait_for_sync(job.job_id, timeout=180, poll_interval=0.2)
        assert final.status == "succeeded", final.error
        assert final.stored == synced.height and final.player_names > 0
        assert sdk.sync_jobs()[0].job_id == job.job_id
        assert sdk.sync_status().job_id == job.job_id
        with pytest.raises(Conflict):
            sdk.cancel_sync(job.job_id)
        with pytest.raises(NotFound):
            sdk.sync_status("sync-unknown")
        with pytest.raises(InvalidInput) as bad:
            sdk.start_sync(max_matches=0)
        assert "max_matches" in str(bad.value)


def test_async_client_runs_a_second_sync_with_nothing_new(
    live: tuple[LiveService, FakeOpenDota],
) -> None:
    service, _ = live

    async def scenario() -> None:
        async with AsyncDotaPredict(service.base_url) as sdk:
            job = await sdk.start_sync(max_matches=50, reset=True)
            final = await sdk.wait_for_sync(job.job_id, timeout=180, poll_interval=0.2)
            assert final.status == "succeeded", final.error
            assert final.stored == 0  # every match was stored by the first run
            assert (await sdk.sync_status(job.job_id)).options["reset"] is True

    asyncio.run(scenario())
