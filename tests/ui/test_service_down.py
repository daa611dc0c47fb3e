"""With no service listening, every page explains that instead of showing a traceback."""

from __future__ import annotations

import pytest

from tests.support.live_service import free_port
from tests.ui.conftest import make_app, open_page, texts


@pytest.mark.parametrize("page", ["train", "models", "predict", "monitoring"])
def test_pages_that_need_the_service_say_it_is_unreachable(
    page: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page(make_app(f"http://127.0.0.1:{free_port()}", monkeypatch), page)
    assert not at.exception, texts(at.exception)
    assert any("not reachable" in t for t in texts(at.main.error)), texts(at.main.error)
    assert any("not reachable" in t for t in texts(at.sidebar.error)), texts(at.sidebar.error)


def test_the_data_page_still_explores_the_sample(monkeypatch: pytest.MonkeyPatch) -> None:
    at = make_app(f"http://127.0.0.1:{free_port()}", monkeypatch).run()
    assert not at.exception and not at.main.error, texts(at.main.error)
    assert any("Hero names are unavailable" in t for t in texts(at.main.warning))
    assert at.tabs[0].metric[0].value == "4,000"
    assert at.tabs[1].dataframe[0].value["hero"].iloc[0].startswith("hero ")
