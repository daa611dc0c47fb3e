"""Smoke test in headless Chromium: `streamlit run` against the live service, every page opened."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import httpx
import polars as pl
import pytest

from dota_predict_sdk import DotaPredict
from tests.support.live_service import LiveService, free_port, poll_until, stop_process
from tests.ui.conftest import APP

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
PAGE_TIMEOUT = 60
TRAIN_TIMEOUT = 180
SUCCESS = '[data-testid="stAlertContentSuccess"]'
PROBLEMS = '[data-testid="stException"], [data-testid="stAlertContentError"]'
# (url path, title, a CSS selector that appears once the page's content has rendered)
PAGES = [
    ("", "Data & EDA", ".js-plotly-plot"),
    ("train", "Train a model", '[data-testid="stFormSubmitButton"]'),
    ("models", "Models", ".js-plotly-plot"),
    ("predict", "Predict", '[data-testid="stSelectbox"]'),
    ("monitoring", "Monitoring", '[data-testid="stSelectbox"]'),
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Chromium: apt-get install chromium chromium-driver"
    ),
]


@pytest.fixture(scope="module")
def ui_url(service: LiveService, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`streamlit run streamlit_app/app.py` on a free port, pointed at the live service."""
    with DotaPredict(base_url=service.base_url) as sdk:
        poll_until(sdk.active_model_id, timeout=120, interval=0.25)
    port = free_port()
    log_path = tmp_path_factory.mktemp("streamlit") / "streamlit.log"
    command = [
        sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.headless", "true", "--server.port", str(port),
        "--server.address", "127.0.0.1", "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    with log_path.open("wb") as log:
        env = {**service.env(), "DOTA_PREDICT_URL": service.base_url}
        process = subprocess.Popen(command, cwd=APP.parents[1], env=env, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"

    def healthy() -> bool:
        assert process.poll() is None, log_path.read_text(errors="replace")
        try:
            return httpx.get(f"{url}/_stcore/health", timeout=2).text == "ok"
        except httpx.HTTPError:
            return False

    try:
        poll_until(healthy, timeout=60, interval=0.2)
        yield url
    finally:
        stop_process(process)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Headless Chromium through chromedriver, with a fresh profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--window-size=1500,2000",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):  # fmt: skip
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(PAGE_TIMEOUT)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """$UI_SCREENSHOTS (kept after the run, to look at), else a temporary folder."""
    if folder := os.environ.get("UI_SCREENSHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        return Path(folder)
    return tmp_path_factory.mktemp("ui_screenshots")


def texts(driver: Any, selector: str) -> list[str]:
    """innerText of every match, read in one script call (Streamlit re-renders nodes freely)."""
    script = "return [...document.querySelectorAll(arguments[0])].map(e => e.innerText)"
    return list(driver.execute_script(script, selector))


def problems(driver: Any) -> list[str]:
    """Texts of Streamlit exception boxes and error alerts on the page."""
    return texts(driver, PROBLEMS)


def wait_for(
    driver: Any, check: Callable[[], object], what: str, timeout: float = PAGE_TIMEOUT
) -> None:
    """Poll the DOM until check() is truthy; fail at once on an exception box or error alert."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = problems(driver)
        assert not found, f"{what}: the page shows an error: {found}"
        if check():
            return
        time.sleep(0.2)
    raise AssertionError(f"{what}: not rendered within {timeout} s")


def rendered(driver: Any, title: str, marker: str) -> bool:
    """The title and the page's marker are present and Streamlit has finished running."""
    running = texts(driver, '[data-testid="stStatusWidget"]')
    return (
        title in texts(driver, "h1")
        and bool(texts(driver, marker))
        and not any("Running" in r for r in running)
    )


def click_button(driver: Any, label: str) -> None:
    """Click the first enabled button whose text ends with label."""
    script = """
        const button = [...document.querySelectorAll('button')]
            .find(b => b.innerText.trim().endsWith(arguments[0]) && !b.disabled);
        if (button) { button.click(); }
        return Boolean(button);
    """
    assert driver.execute_script(script, label), f"no enabled button labelled {label!r}"


def save(driver: Any, folder: Path, name: str) -> None:
    time.sleep(1)  # let plotly finish drawing before the picture; not used for synchronisation
    assert driver.save_screenshot(str(folder / f"{name}.png"))


def click_label(driver: Any, text: str) -> None:
    """Click a radio option (or any label) by its text."""
    script = """
        const label = [...document.querySelectorAll('label')]
            .find(l => l.innerText.trim() === arguments[0]);
        if (label) { label.click(); }
        return Boolean(label);
    """
    assert driver.execute_script(script, text), f"no label {text!r}"


def click_tab(driver: Any, text: str) -> None:
    """Click a tab by its text."""
    script = """
        const tab = [...document.querySelectorAll('[role="tab"]')]
            .find(t => t.innerText.trim().endsWith(arguments[0]));
        if (tab) { tab.click(); }
        return Boolean(tab);
    """
    assert driver.execute_script(script, text), f"no tab {text!r}"


@pytest.fixture(scope="module")
def per_player_csv(service: LiveService, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 matches of the service's sample as one row per player (player_slot + win)."""
    with service.client() as http:
        sample = pl.read_csv(io.BytesIO(http.get("/api/v1/data/sample").content)).tail(300)
    sides = (
        ("radiant", range(5), pl.col("radiant_win")),
        ("dire", range(128, 133), ~pl.col("radiant_win")),
    )
    players = pl.concat(
        sample.select(
            "match_id",
            "start_time",
            account_id=pl.col(f"{side}_account_id_{i + 1}"),
            hero_id=pl.col(f"{side}_hero_{i + 1}"),
            player_slot=pl.lit(slot),
            win=won,
        )
        for side, slots, won in sides
        for i, slot in enumerate(slots)
    ).sort("match_id", "player_slot")
    path = tmp_path_factory.mktemp("upload") / "players.csv"
    players.write_csv(path)
    return path


def test_every_page_renders_in_a_real_browser(
    ui_url: str, browser: Any, screenshots: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with capsys.disabled():
        print(f"\nUI screenshots: {screenshots}")
    for path, title, marker in PAGES:
        browser.get(f"{ui_url}/{path}")
        wait_for(browser, partial(rendered, browser, title, marker), f"page /{path}")
        save(browser, screenshots, path or "data")
        assert not problems(browser), problems(browser)


def test_a_random_draft_gets_a_probability(ui_url: str, browser: Any, screenshots: Path) -> None:
    browser.get(f"{ui_url}/predict")
    wait_for(
        browser, lambda: rendered(browser, "Predict", '[data-testid="stSelectbox"]'), "predict"
    )
    click_button(browser, "Random draft")
    enabled = """return [...document.querySelectorAll('button')]
        .some(b => b.innerText.trim().endsWith('Predict') && !b.disabled)"""
    wait_for(browser, lambda: browser.execute_script(enabled), "random draft")
    click_button(browser, "Predict")

    def probability_shown() -> bool:
        metrics = texts(browser, '[data-testid="stMetric"]')
        return any("Radiant win probability" in m and "%" in m for m in metrics)

    wait_for(browser, probability_shown, "draft prediction")
    save(browser, screenshots, "predict_draft")


def test_an_uploaded_per_player_file_is_explored(
    ui_url: str, browser: Any, screenshots: Path, per_player_csv: Path
) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{ui_url}/")
    wait_for(browser, lambda: rendered(browser, "Data & EDA", ".js-plotly-plot"), "data page")
    wait_for(browser, lambda: texts(browser, 'input[type="file"]'), "file input")
    browser.find_element(By.CSS_SELECTOR, 'input[type="file"]').send_keys(str(per_player_csv))

    def explored() -> bool:
        captions = " ".join(texts(browser, '[data-testid="stCaptionContainer"]'))
        charts = len(texts(browser, ".js-plotly-plot"))
        return "players.csv · 300 matches" in captions and charts >= 1

    wait_for(browser, explored, "uploaded file")  # stored by the service, then explored
    assert "dataset=ds-" in browser.current_url  # the choice is in the URL
    save(browser, screenshots, "data_upload")

    for tab, name, charts in (("Heroes", "heroes", 2), ("Pairs & counters", "pairs", 3)):
        click_tab(browser, tab)

        def drawn(n: int = charts) -> bool:
            return len(texts(browser, ".js-plotly-plot")) >= n

        wait_for(browser, drawn, tab)
        save(browser, screenshots, f"data_{name}")
    click_tab(browser, "Players")
    wait_for(browser, lambda: len(texts(browser, ".js-plotly-plot")) >= 4, "players tab")
    save(browser, screenshots, "data_players")


def test_training_shows_live_progress_then_metrics(
    ui_url: str, browser: Any, screenshots: Path
) -> None:
    browser.get(f"{ui_url}/train")
    wait_for(browser, lambda: rendered(browser, "Train a model", PAGES[1][2]), "train page")
    click_button(browser, "Train")
    # The polling fragment shows the job, then reruns the page with the outcome by itself.
    wait_for(browser, lambda: texts(browser, '[data-testid="stProgress"]'), "live progress")
    assert "job=job-" in browser.current_url  # a reload would find it
    save(browser, screenshots, "train_running")

    def trained() -> bool:
        # Streamlit streams elements as the script runs: wait for the metrics, not just the alert.
        done = any("is trained" in t for t in texts(browser, SUCCESS))
        return done and "ROC AUC" in " ".join(texts(browser, '[data-testid="stMetric"]'))

    wait_for(browser, trained, "training outcome with metrics", timeout=TRAIN_TIMEOUT)
    save(browser, screenshots, "train_done")
