"""With no service listening, every page explains that instead of showing a traceback."""

from __future__ import annotations

import pytest

from tests.support.live_service import free_port
from tests.ui.conftest import make_app, open_page, texts


@pytest.mark.parametrize("page", ["data", "train", "models", "predict", "monitoring"])
def test_pages_that_need_the_service_say_it_is_unreachable(
    page: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page(make_app(f"http://127.0.0.1:{free_port()}", monkeypatch), page)
    assert not at.exception, texts(at.exception)
    assert any("not reachable" in t for t in texts(at.main.error)), texts(at.main.error)
    assert any("not reachable" in t for t in texts(at.sidebar.error)), texts(at.sidebar.error)


def test_the_service_url_box_is_off_unless_the_operator_allows_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    at = make_app(url, monkeypatch).run()
    assert not at.sidebar.text_input, "visitors must not be able to point the UI server anywhere"
    assert any(url in t for t in texts(at.sidebar.caption))
    monkeypatch.setenv("DOTA_PREDICT_UI_ALLOW_URL_CHANGE", "true")
    at = make_app(url, monkeypatch).run()
    assert at.sidebar.text_input(key="service_url").value == url
