"""Smoke test in headless Chromium: `streamlit run` against the live service, every page opened."""

from __future__ import annotations

import io
import re
from functools import partial
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from dota_predict_sdk import DotaPredict
from tests.support.live_service import LiveService, poll_until
from tests.ui.browser import (
    CHROMIUM,
    PAGE_TIMEOUT,
    chromium,
    click,
    contrast,
    idle,
    problems,
    rendered,
    save,
    streamlit_ui,
    texts,
    upload,
    wait_for,
)

TRAIN_TIMEOUT = 180
SUCCESS = '[data-testid="stAlertContentSuccess"]'
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
    click(browser, "button", "Random draft")
    click(browser, "button", "Predict")  # waits until the random draft has enabled it

    def probability_shown() -> bool:
        metrics = texts(browser, '[data-testid="stMetric"]')
        return any("Radiant win probability" in m and "%" in m for m in metrics)

    wait_for(browser, probability_shown, "draft prediction")
    save(browser, screenshots, "predict_draft")


def test_an_uploaded_per_player_file_is_explored(
    ui_url: str, browser: Any, screenshots: Path, per_player_csv: Path
) -> None:
    browser.get(f"{ui_url}/")
    wait_for(browser, lambda: rendered(browser, "Data & EDA", ".js-plotly-plot"), "data page")
    upload(browser, per_player_csv)

    def explored() -> bool:
        captions = " ".join(texts(browser, '[data-testid="stCaptionContainer"]'))
        charts = len(texts(browser, ".js-plotly-plot"))
        return "players.csv · 300 matches" in captions and charts >= 1

    wait_for(browser, explored, "uploaded file")  # stored by the service, then explored
    assert "dataset=ds-" in browser.current_url  # the choice is in the URL
    save(browser, screenshots, "data_upload")

    for tab, name, charts in (("Heroes", "heroes", 2), ("Pairs & counters", "pairs", 3)):
        click(browser, "tab", tab)

        def drawn(n: int = charts) -> bool:
            return len(texts(browser, ".js-plotly-plot")) >= n

        wait_for(browser, drawn, tab)
        save(browser, screenshots, f"data_{name}")
    click(browser, "tab", "Players")
    wait_for(browser, lambda: len(texts(browser, ".js-plotly-plot")) >= 4, "players tab")
    save(browser, screenshots, "data_players")


def test_training_shows_live_progress_then_metrics(
    ui_url: str, browser: Any, screenshots: Path
) -> None:
    browser.get(f"{ui_url}/train")
    wait_for(browser, lambda: rendered(browser, "Train a model", PAGES[1][2]), "train page")
    click(browser, "button", "Train")
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


def test_api_docs_render_offline_from_the_package(
    service: LiveService, browser: Any, screenshots: Path
) -> None:
    """Swagger UI's scripts and styles come from the app itself (the machine has no internet)."""
    with service.client() as http:
        html = http.get("/schema/swagger").text
        spec = http.get("/schema/openapi.json").json()
        assert http.get("/schema/redoc").status_code == 404  # CDN-only renderers are left out
    sources = re.findall(r"""(?:src|href)=["']([^"']+)""", html)
    assert len(sources) == 3 and all(s.startswith("/schema-assets/") for s in sources), sources
    methods = {"get", "put", "post", "delete", "patch"}
    operations = sum(len(methods & set(item)) for item in spec["paths"].values())

    browser.get(f"{service.base_url}/schema/swagger")
    wait_for(
        browser,
        lambda: len(texts(browser, ".opblock-summary")) == operations,
        f"the {operations} operations listed",
    )
    assert "/api/v1/models/predict" in " ".join(texts(browser, ".opblock-summary-path"))
    loaded = browser.execute_script(
        "return performance.getEntriesByType('resource').map(r => r.name)"
    )
    assert loaded and all(name.startswith(service.base_url) for name in loaded), loaded
    save(browser, screenshots, "api_docs")


LEGIBLE = 3.0  # WCAG's minimum contrast for graphics and large text


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_models_page_is_legible_in_each_theme_and_a_narrow_window(
    service: LiveService, tmp_path_factory: pytest.TempPathFactory, screenshots: Path, theme: str
) -> None:
    with DotaPredict(base_url=service.base_url) as sdk:
        poll_until(sdk.active_model_id, timeout=120, interval=0.25)  # the chart needs a model
    env = {**service.env(), "DOTA_PREDICT_URL": service.base_url}
    log = tmp_path_factory.mktemp(f"streamlit-{theme}") / "streamlit.log"
    profile = tmp_path_factory.mktemp(f"chromium-{theme}")
    with (
        streamlit_ui(env, log, ("--theme.base", theme)) as url,
        chromium(profile, width=1400, height=1800) as driver,
    ):
        driver.get(f"{url}/models")
        wait_for(driver, lambda: rendered(driver, "Models", ".js-plotly-plot"), "models page")
        colours = driver.execute_script(
            """const app = getComputedStyle(document.querySelector('.stApp')).backgroundColor;
            const plots = [...document.querySelectorAll('.js-plotly-plot')];
            const chart = plots.find(p => (p.data || []).some(t => t.name === 'baseline'));
            return {
                background: app,
                baseline: chart.data.filter(t => t.name === 'baseline').map(t => t.marker.color),
                text: chart._fullLayout.font.color,
                body: getComputedStyle(document.querySelector('h1')).color,
            };"""
        )
        background = colours["background"]
        for name, colour in [("baseline marker", c) for c in colours["baseline"]] + [
            ("chart text", colours["text"]),
            ("page text", colours["body"]),
        ]:
            ratio = contrast(colour, background)
            assert ratio >= LEGIBLE, f"{theme}: {name} {colour} on {background}: {ratio:.2f}"
        save(driver, screenshots, f"models_{theme}")

        driver.set_window_size(420, 1800)  # a phone-sized window: nothing wider than it
        wait_for(driver, lambda: rendered(driver, "Models", ".js-plotly-plot"), "narrow models")
        overflow = "return document.documentElement.scrollWidth - window.innerWidth"
        wait_for(driver, lambda: driver.execute_script(overflow) <= 0, "no sideways scrolling")
        save(driver, screenshots, f"models_{theme}_narrow")


def pick(driver: Any, label: str, hero: str) -> None:
    """Type a hero into a draft slot (a Streamlit selectbox, found by its label) and choose it."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    box = WebDriverWait(driver, PAGE_TIMEOUT, 0.1).until(
        ec.element_to_be_clickable((By.CSS_SELECTOR, f'input[aria-label="{label}"]'))
    )
    box.click()
    box.send_keys(hero)
    WebDriverWait(driver, PAGE_TIMEOUT, 0.05).until(
        lambda d: any(t.strip() == hero for t in texts(d, '[role="option"]'))
    )
    box.send_keys(Keys.ENTER)


# A captain's-mode order: sides alternate, as a live draft arrives.
DRAFT_ORDER = [("radiant", 0), ("dire", 0), ("dire", 1), ("radiant", 1), ("radiant", 2),
               ("dire", 2), ("dire", 3), ("radiant", 3), ("radiant", 4), ("dire", 4)]  # fmt: skip


def test_a_live_draft_is_followed_pick_by_pick(
    ui_url: str, browser: Any, screenshots: Path, service: LiveService
) -> None:
    """Each pick refreshes the suggestions (or, the tenth, the prediction) without any button."""
    with service.client() as http:
        names = sorted(h["name"] for h in http.get("/api/v1/heroes").json()["heroes"])[:10]
    browser.get(f"{ui_url}/predict")
    wait_for(
        browser, lambda: rendered(browser, "Predict", '[data-testid="stSelectbox"]'), "predict"
    )
    for n, ((side, slot), hero) in enumerate(zip(DRAFT_ORDER, names, strict=True), start=1):
        pick(browser, f"{side.title()} hero {slot + 1}", hero)
        if n < len(DRAFT_ORDER):
            marker = f"After {n} pick{'s' if n != 1 else ''}:"
            markdown = partial(texts, browser, '[data-testid="stMarkdown"]')
            wait_for(
                browser,
                partial(lambda m, read: any(m in t for t in read()), marker, markdown),
                f"suggestions after pick {n}",
            )

    def predicted() -> bool:
        metrics = texts(browser, '[data-testid="stMetric"]')
        drawn = browser.execute_script(
            "return document.querySelectorAll('.js-plotly-plot g.trace').length"
        )
        shown = any("Radiant win probability" in m and "%" in m for m in metrics)
        return shown and drawn >= 2 and idle(browser)  # the probability bar and the factors

    wait_for(browser, predicted, "the prediction of the complete draft")
    chosen = browser.execute_script(
        """return [...document.querySelectorAll('[data-testid="stSelectbox"]')]
            .filter(box => box.querySelector('input[aria-label*=" hero "]'))
            .map(box => box.innerText + ' ' + box.querySelector('input').value)"""
    )
    assert len(chosen) == 10 and all(any(hero in box for box in chosen) for hero in names), chosen
    save(browser, screenshots, "predict_live_draft")
