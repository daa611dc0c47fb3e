"""UI test fixtures: AppTest apps pointed at a live service, and helpers to poll them."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

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


# Browser tests (tests/ui/browser.py is imported late: it imports APP from here).
@pytest.fixture(scope="module")
def ui_url(service: LiveService, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`streamlit run streamlit_app/app.py` on a free port, pointed at the live service."""
    from tests.ui.browser import streamlit_ui

    with DotaPredict(base_url=service.base_url) as sdk:
        poll_until(sdk.active_model_id, timeout=DEFAULT_MODEL_TIMEOUT, interval=0.25)
    log_path = tmp_path_factory.mktemp("streamlit") / "streamlit.log"
    with streamlit_ui({**service.env(), "DOTA_PREDICT_URL": service.base_url}, log_path) as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Headless Chromium with a fresh profile, for one module."""
    from tests.ui.browser import chromium

    with chromium(tmp_path_factory.mktemp("chromium-profile")) as driver:
        yield driver


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """$UI_SCREENSHOTS (kept after the run, to look at), else a temporary folder."""
    if folder := os.environ.get("UI_SCREENSHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        return Path(folder)
    return tmp_path_factory.mktemp("ui_screenshots")
