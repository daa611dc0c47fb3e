"""ingest_results and monitoring through both SDK clients."""

from __future__ import annotations

import asyncio

import polars as pl
import pytest

from dota_predict_sdk import AsyncDotaPredict, DotaPredict, InvalidInput
from tests.sdk.conftest import DIRE, RADIANT
from tests.support.live_service import LiveService, poll_until

pytestmark = pytest.mark.slow


def _results(first_id: int, n: int, radiant_win: bool) -> pl.DataFrame:
    """Matches newer than the bundled data (which the default model was trained on)."""
    return pl.DataFrame(
        {
            "match_id": [first_id + i for i in range(n)],
            "radiant_win": [radiant_win] * n,
            **{f"radiant_hero_{i + 1}": [h] * n for i, h in enumerate(RADIANT)},
            **{f"dire_hero_{i + 1}": [h] * n for i, h in enumerate(DIRE)},
        }
    )


def test_predict_ingest_and_monitor(sdk: DotaPredict, default_model_id: str) -> None:
    prediction = sdk.predict(RADIANT, DIRE, match_id=9_100_000_000)
    assert prediction.prediction_id
    poll_until(lambda: sdk.monitoring().served >= 1, timeout=60)
    ingested = sdk.ingest_results(_results(9_100_000_000, 40, radiant_win=True))
    assert (ingested.ingested, ingested.duplicates) == (40, 0)
    assert ingested.predictions_scored == 1
    (entry,) = [m for m in ingested.models_updated if m.model_id == default_model_id]
    assert entry.results_applied >= 40 and entry.skipped_older == 0
    assert entry.ratings_as_of is not None
    assert entry.ratings_as_of.match_id == 9_100_000_039
    assert sdk.model_info(default_model_id).results_applied == entry.results_applied
    report = sdk.monitoring(default_model_id)
    assert report.model_id == default_model_id and report.scored >= 1
    assert report.windows.all_.n == report.scored
    with pytest.raises(InvalidInput) as bad:
        sdk.ingest_results(_results(9_100_001_000, 3, True).drop("radiant_win"))
    assert "radiant_win" in str(bad.value)


def test_async_ingest_and_monitor(service: LiveService, default_model_id: str) -> None:
    async def scenario() -> None:
        async with AsyncDotaPredict(service.base_url) as sdk:
            again = await sdk.ingest_results(_results(9_100_000_000, 40, radiant_win=True))
            assert (again.ingested, again.duplicates) == (0, 40)
            report = await sdk.monitoring(default_model_id)
            assert report.windows.last_100.drift in (None, "ok", "watch", "degraded")

    asyncio.run(scenario())
