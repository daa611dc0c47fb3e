"""One live service (real API + worker) shared by every SDK test module, and SDK clients for it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dota_predict_sdk import DotaPredict
from tests.support.live_service import LiveService, poll_until

# Five picks per side, as hero ids; the same draft by name is NAMES_* below.
RADIANT = [1, 2, 3, 4, 5]
DIRE = [6, 7, 8, 9, 10]


@pytest.fixture(scope="package")
def service(redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveService]:
    """Overrides the module-scoped fixture: starting (and bootstrapping) a service takes ~15 s."""
    live = LiveService(workdir=tmp_path_factory.mktemp("sdk-service"), redis_url=redis_url).start()
    yield live
    live.stop()


@pytest.fixture(scope="package")
def default_model_id(service: LiveService) -> str:
    """The bootstrapped default model, once it is trained and active."""
    with DotaPredict(service.base_url) as client:
        model_id: str = poll_until(client.active_model_id, timeout=120, interval=0.2)
    return model_id


@pytest.fixture
def sdk(service: LiveService, default_model_id: str) -> Iterator[DotaPredict]:
    """A sync client; the default model is active when the test starts."""
    with DotaPredict(service.base_url) as client:
        if client.active_model_id() != default_model_id:
            client.activate(default_model_id)
        yield client


@pytest.fixture(scope="package")
def training_csv_path(training_csv: bytes, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small real training file on disk."""
    path = tmp_path_factory.mktemp("upload") / "pro_matches.csv"
    path.write_bytes(training_csv)
    return path
