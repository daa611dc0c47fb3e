"""The import wizard, the OpenDota sync panel and pro names, in headless Chromium.

A live API + worker whose OpenDota is the local fake (real HTTP, real matches in OpenDota's
shapes), `streamlit run` pointed at it, and a real upstream file from ../shared/data.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from dota_predict_sdk import DotaPredict
from tests.support import shared_data as sd
from tests.support.fake_opendota import FakeOpenDota, Fault, opendota_match
from tests.support.live_service import LiveService
from tests.ui.browser import (
    CHROMIUM,
    PAGE_TIMEOUT,
    click,
    edit_select_cell,
    grid_cells,
    rendered,
    save,
    texts,
    upload,
    wait_for,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Chromium: apt-get install chromium chromium-driver"
    ),
]
SYNCED = 200  # matches the fake OpenDota serves (two full pages of 100, then the end)
SYNC_TIMEOUT = 180
WIZARD = "Import wizard: files in other formats"
WIZARD_FILE = "A match file in any supported format"
ALERTS = '[data-testid="stAlert"]'
LEAGUE_ROWS = 40


@pytest.fixture(scope="module")
def fake(real_matches: pl.DataFrame) -> Iterator[FakeOpenDota]:
    """The latest bundled matches with a start time, served as OpenDota would."""
    synced = real_matches.filter(pl.col("start_time").is_not_null()).sort("match_id")
    with FakeOpenDota(synced.tail(SYNCED)) as server:
        yield server


@pytest.fixture(scope="module")
def service(
    redis_url: str, tmp_path_factory: pytest.TempPathFactory, fake: FakeOpenDota
) -> Iterator[LiveService]:
    """The live service (default model bootstrapped) with its OpenDota at the fake."""
    live = LiveService(
        workdir=tmp_path_factory.mktemp("service"),
        redis_url=redis_url,
        extra_env={
            "APP_OPENDOTA_BASE_URL": fake.base_url,
            "APP_OPENDOTA_CALLS_PER_MINUTE": "60000",
        },
    ).start()
    yield live
    live.stop()


@pytest.fixture(scope="module")
def league_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first 40 matches of the 2019-20 league file, as upstream wrote them (victor_team)."""
    data = sd.head_lines(sd.upstream_bytes(sd.LEAGUE), LEAGUE_ROWS + 1)
    assert data.startswith(b"match_id,victor_team,radiant_team,dire_team")
    path = tmp_path_factory.mktemp("league") / "league_2019-20.csv"
    path.write_bytes(data)
    return path


def selected(driver: Any) -> str:
    """Every select box's label and shown value (the value is its input's value)."""
    script = """return [...document.querySelectorAll('[data-testid="stSelectbox"]')]
        .map(b => b.innerText + ' ' + (b.querySelector('input') || {value: ''}).value)"""
    return " | ".join(driver.execute_script(script))


@pytest.fixture(scope="module")
def opendota_file(real_matches: pl.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """30 real matches as OpenDota /matches/{id} objects, one per line, and one without players."""
    rows = real_matches.filter(pl.col("start_time").is_not_null()).head(30)
    objects = [opendota_match(m, league_id=12027) for m in rows.iter_rows(named=True)]
    objects.append({**objects[0], "match_id": 1, "players": []})
    path = tmp_path_factory.mktemp("opendota") / "opendota_matches.jsonl"
    path.write_text("\n".join(json.dumps(o) for o in objects) + "\n")
    return path


def alerts(driver: Any) -> str:
    return "\n".join(texts(driver, ALERTS))


def shows(driver: Any, text: str) -> bool:
    return text in alerts(driver)


def grid(
    driver: Any, index: int, check: Callable[[list[list[str]]], bool], what: str
) -> list[list[str]]:
    """The index-th data grid's cells once check() accepts them (Glide draws after the rest)."""
    found: list[list[str]] = []

    def drawn() -> bool:
        found[:] = grid_cells(driver, index)
        return check(found)

    try:
        wait_for(driver, drawn, what)
    except AssertionError as exc:
        raise AssertionError(f"{exc}; the grid shows {found}") from exc
    return found


def scroll_to_alert(driver: Any, text: str) -> None:
    """Bring the alert showing text into the window (for the screenshot)."""
    driver.execute_script(
        """const alert = [...document.querySelectorAll('[data-testid="stAlert"]')]
            .find(a => a.innerText.includes(arguments[0]));
        if (alert) alert.scrollIntoView({block: 'center'});""",
        text,
    )


def open_data_page(driver: Any, url: str, expander: str) -> None:
    driver.get(f"{url}/")
    wait_for(driver, lambda: rendered(driver, "Data & EDA", ".js-plotly-plot"), "data page")
    click(driver, "expander", expander)


def test_the_wizard_previews_maps_and_stores_an_upstream_file(
    ui_url: str, browser: Any, screenshots: Path, league_file: Path, service: LiveService
) -> None:
    open_data_page(browser, ui_url, WIZARD)
    upload(browser, league_file, label=WIZARD_FILE)

    def previewed() -> bool:
        return "Format auto (detected: table)" in selected(browser) and shows(
            browser, "No problems found"
        )

    wait_for(browser, previewed, "the preview")
    # The guessed mapping (mapped rows first) and the label values, as the service guessed them.
    guessed = [
        ["Our column", "Your column"],
        ["match_id", "match_id"],
        ["radiant_win", "victor_team"],
        ["radiant_heroes", "radiant_team"],
        ["dire_heroes", "dire_team"],
    ]
    grid(browser, 0, lambda cells: cells[:5] == guessed, "the guessed mapping")
    labels = [
        ["Your value (victor_team)", "Means a win of"],
        ["Dire", "Dire"],
        ["Radiant", "Radiant"],
    ]
    grid(browser, 1, lambda cells: cells == labels, "the guessed label values")
    # The first rows as they will be read: the team strings split into five hero columns.
    first = league_file.read_text().splitlines()[1].split(",")
    rows = grid(browser, 2, lambda cells: len(cells) > 1, "the first rows")
    header = rows[0]
    read = dict(zip(header, rows[1], strict=True))
    assert (
        read["match_id"] == first[0] and read["radiant_win"] == str(first[1] == "Radiant").lower()
    )
    assert [read[f"radiant_hero_{i}"] for i in range(1, 6)] == first[2].split("-")
    dire = [read.get(f"dire_hero_{i}") for i in range(1, 6)]  # the grid draws what fits
    shown = [h for h in dire if h is not None]
    assert shown and shown == first[3].split("-")[: len(shown)], (dire, first)
    assert f"The first 20 of {LEAGUE_ROWS} matches" in " ".join(
        texts(browser, '[data-testid="stMarkdown"]')
    )
    save(browser, screenshots, "wizard_preview")

    click(browser, "button", "Store dataset")
    stored = f"Stored {league_file.name} · {LEAGUE_ROWS} matches (read as table)"
    wait_for(browser, lambda: shows(browser, stored), "the stored dataset")
    chosen = f"{league_file.name} · {LEAGUE_ROWS} matches"
    wait_for(browser, lambda: f"Dataset {chosen}" in selected(browser), "the dataset chosen")
    with DotaPredict(base_url=service.base_url) as sdk:
        listed = {d.filename: d.n_matches for d in sdk.datasets()}
    assert listed[league_file.name] == LEAGUE_ROWS
    scroll_to_alert(browser, "Stored ")
    save(browser, screenshots, "wizard_stored")

    # A wrong mapping: radiant's heroes from the dire column. The preview names the column...
    edit_select_cell(browser, 0, row=2, column=1, value="dire_team")
    twice = "the column 'dire_team' is mapped to two hero slots"
    wait_for(browser, lambda: shows(browser, twice), "the problem of the wrong mapping")
    # ... and storing it anyway shows the service's 400, naming the field and the column.
    click(browser, "button", "Store dataset")
    refused = f"{league_file.name} was not stored."

    def refused_shown() -> bool:
        errors = texts(browser, '[data-testid="stAlertContentError"]')
        return any(refused in e and twice in e for e in errors)

    wait_for(browser, refused_shown, "the refusal", errors_expected=True)
    error = next(e for e in texts(browser, '[data-testid="stAlertContentError"]') if refused in e)
    assert "field mapping" in error and "column dire_team" in error, error
    save(browser, screenshots, "wizard_wrong_mapping", errors_expected=True)


def test_the_wizard_reads_opendota_json_without_a_mapping(
    ui_url: str, browser: Any, screenshots: Path, opendota_file: Path, service: LiveService
) -> None:
    with DotaPredict(base_url=service.base_url) as sdk:
        formats = sdk.preview_dataset(opendota_file).to_dict()["formats"]
    open_data_page(browser, ui_url, WIZARD)
    upload(browser, opendota_file, label=WIZARD_FILE)
    detected = "Format auto (detected: opendota_json)"
    wait_for(browser, lambda: detected in selected(browser), "the detected format")
    # The format select offers the service's formats, nothing of its own but "auto".
    click_select(browser, "Format")
    wait_for(browser, lambda: texts(browser, '[role="option"]'), "the format options")
    options = [t.strip() for t in texts(browser, '[role="option"]')]
    assert options == ["auto (detected: opendota_json)", *formats], options
    click(browser, "option", "auto (detected: opendota_json)")
    # No mapping table for JSON: the first rows are the only grid; the player-less match is out.
    left_out = "Left out: 1 no players"
    wait_for(browser, lambda: left_out in " ".join(texts(browser, "p")), "the skipped match")
    rows = grid(browser, 0, lambda cells: len(cells) > 1, "the first rows")
    assert rows[0][:3] == ["match_id", "start_time", "radiant_win"], rows[0]
    assert "The first 20 of 30 matches" in " ".join(texts(browser, '[data-testid="stMarkdown"]'))
    save(browser, screenshots, "wizard_opendota_json")
    click(browser, "button", "Store dataset")
    stored = f"Stored {opendota_file.name} · 30 matches (read as opendota_json)"
    wait_for(browser, lambda: shows(browser, stored), "the stored JSON dataset")


def click_select(driver: Any, label: str) -> None:
    """Open the select box with this label (its input carries the label as aria-label)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    box = WebDriverWait(driver, PAGE_TIMEOUT, 0.1).until(
        ec.element_to_be_clickable((By.CSS_SELECTOR, f'input[aria-label="{label}"]'))
    )
    box.click()


def test_the_sync_panel_runs_cancels_and_lists_syncs_then_a_picker_shows_pro_names(
    ui_url: str, browser: Any, screenshots: Path, service: LiveService, fake: FakeOpenDota
) -> None:
    # A slow OpenDota (each match detail takes a second) keeps the first run running to cancel.
    fake.fail("/matches/", *[Fault(delay=1.0) for _ in range(50)])
    open_data_page(browser, ui_url, "OpenDota sync")
    click(browser, "button", "Start sync")
    wait_for(browser, lambda: texts(browser, '[data-testid="stProgress"]'), "the progress bar")
    assert "Sync sync-" in " ".join(texts(browser, '[data-testid="stProgress"]'))

    def moving() -> bool:  # polled from the service: the worker's message replaces "queued"
        bar = " ".join(texts(browser, '[data-testid="stProgress"]'))
        return bool(bar) and "· queued ·" not in bar

    wait_for(browser, moving, "live progress from the worker")
    save(browser, screenshots, "sync_running")
    click(browser, "button", "Cancel sync")
    wait_for(browser, lambda: shows(browser, "The sync was cancelled."), "the cancelled sync")
    with fake.lock:
        fake.faults.clear()  # OpenDota is quick again

    click(browser, "button", "Start sync")
    wait_for(browser, lambda: shows(browser, "Sync finished."), "the finished sync", SYNC_TIMEOUT)
    with DotaPredict(base_url=service.base_url) as sdk:
        cancelled, finished = reversed(sdk.sync_jobs())
    assert (cancelled.status, finished.status) == ("cancelled", "succeeded")
    assert cancelled.stored + finished.stored == SYNCED and finished.duplicates == 0
    assert finished.player_names > 0 and finished.dataset_id
    text = alerts(browser)
    assert f"{finished.stored:,} new matches stored" in text, text
    assert f"{finished.player_names:,} pro player names cached" in text, text
    assert f"Dataset {finished.dataset_id} was stored" in text, text
    # The past runs, newest first, with their state and message.
    table = grid(browser, 0, lambda cells: len(cells) == 3, "the past syncs")
    states = [dict(zip(table[0], row, strict=False)) for row in table[1:]]
    assert [(s["Job id"], s["State"]) for s in states] == [
        (finished.job_id, "succeeded"),
        (cancelled.job_id, "cancelled"),
    ], table
    assert states[0]["Stored"] == str(finished.stored) and states[0]["Message"]
    save(browser, screenshots, "sync_finished")

    # A pro name in the draft's player picker: one the sync cached, of a player the model knows.
    with DotaPredict(base_url=service.base_url) as sdk:
        players = sdk.account_ids(limit=2000).to_dict()["players"]
        named = [(p["account_id"], p["name"]) for p in players if p.get("name")]
    assert named, "the sync cached no name of a player the active model knows"
    account, name = named[0]
    assert name == f"test-player-{account}"  # the fake's /proPlayers
    browser.get(f"{ui_url}/predict")
    wait_for(
        browser, lambda: rendered(browser, "Predict", '[data-testid="stSelectbox"]'), "predict"
    )
    click(browser, "label", "Players")
    label = f"{name} ({account})"
    search_player(browser, "Radiant player 1", str(account))
    click(browser, "option", label)  # the option shows the name; the typed id alone is not it
    wait_for(browser, lambda: label in selected(browser), "the chosen pro shown by name")
    save(browser, screenshots, "predict_pro_name")


def search_player(driver: Any, label: str, typed: str) -> None:
    """Type into a player picker until an option shown by name matches what was typed."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    box = WebDriverWait(driver, PAGE_TIMEOUT, 0.1).until(
        ec.element_to_be_clickable((By.CSS_SELECTOR, f'input[aria-label="{label}"]'))
    )
    box.click()
    box.send_keys(typed)
    WebDriverWait(driver, PAGE_TIMEOUT, 0.05).until(
        lambda d: any(t.strip().endswith(f"({typed})") for t in texts(d, '[role="option"]')),
        f"no option named for {typed}",
    )
