"""UI test fixtures: AppTest apps pointed at a live service, and helpers to poll them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dota_predict_sdk import DotaPredict
from tests.support.live_service import LiveService, poll_until

APP = Path(__file__).resolve().parents[2] / "streamlit_app" / "app.py"
DEFAULT_MODEL_TIMEOUT = 120  # the service trains and activates its default model on first start
RUN_TIMEOUT = 60


@pytest.fixture(scope="module")
def sdk(service: LiveService) -> Iterator[DotaPredict]:
    """An SDK client for the live service, once its default model is active."""
    with DotaPredict(base_url=service.base_url) as client:
        try:
            poll_until(client.active_model_id, timeout=DEFAULT_MODEL_TIMEOUT, interval=0.25)
        except AssertionError as exc:
            raise AssertionError(f"{exc}\n{service.logs()}") from exc
        yield client


def make_app(url: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The whole app (navigation + sidebar) with its service URL set through the environment."""
    monkeypatch.setenv("DOTA_PREDICT_URL", url)
    return AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT)


@pytest.fixture
def app(sdk: DotaPredict, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return make_app(sdk.base_url, monkeypatch)


def open_page(at: AppTest, page: str) -> AppTest:
    """Run the app once, then switch to app_pages/<page>.py and run it."""
    at.run()
    return at.switch_page(f"app_pages/{page}.py").run()


def texts(elements: object) -> list[str]:
    return [str(e.value) for e in elements]  # type: ignore[attr-defined]


def assert_clean(at: AppTest) -> None:
    """No exception and no error alert on the page."""
    assert not at.exception, texts(at.exception)
    assert not at.error, texts(at.error)


def rerun_until(at: AppTest, check: Callable[[AppTest], object], timeout: float) -> AppTest:
    """Rerun the app until check(at) is truthy (or fail after timeout seconds)."""

    def ready() -> object:
        at.run()
        assert not at.exception, texts(at.exception)
        return check(at)

    poll_until(ready, timeout=timeout, interval=0.25)
    return at
