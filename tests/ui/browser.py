"""Headless-Chromium helpers: start the UI and a browser, wait for what shows, click it."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from tests.support.live_service import free_port, poll_until, stop_process
from tests.ui.conftest import APP

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
PAGE_TIMEOUT = 60
EXCEPTIONS = '[data-testid="stException"]'
PROBLEMS = f'{EXCEPTIONS}, [data-testid="stAlertContentError"]'
# Finders run in the page: the first *visible* match (tabs keep hidden copies of their content).
_VISIBLE = "const visible = e => e.offsetParent !== null;"
_FINDERS = {
    "button": "[...document.querySelectorAll('button')].filter(visible)"
    ".find(b => b.innerText.trim().endsWith(arguments[0]))",
    "tab": "[...document.querySelectorAll('[role=\"tab\"]')]"
    ".find(t => t.innerText.trim().endsWith(arguments[0]))",
    "label": "[...document.querySelectorAll('label')].filter(visible)"
    ".find(l => l.innerText.trim() === arguments[0])",
    "option": "[...document.querySelectorAll('[role=\"option\"]')].filter(visible)"
    ".find(o => o.innerText.trim() === arguments[0])",
    "expander": "[...document.querySelectorAll('summary')].filter(visible)"
    ".find(s => s.innerText.trim().endsWith(arguments[0]))",
}


@contextmanager
def streamlit_ui(
    env: dict[str, str], log_path: Path, options: tuple[str, ...] = ()
) -> Iterator[str]:
    """`streamlit run streamlit_app/app.py` on a free port (plus options); yields its URL."""
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.headless", "true", "--server.port", str(port),
        "--server.address", "127.0.0.1", "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false", *options,
    ]  # fmt: skip
    with log_path.open("wb") as log:
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


@contextmanager
def chromium(profile: Path, width: int = 1500, height: int = 2000) -> Iterator[Any]:
    """Headless Chromium through chromedriver, with a fresh profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", f"--window-size={width},{height}", f"--user-data-dir={profile}",
    ):  # fmt: skip
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(PAGE_TIMEOUT)
    try:
        yield driver
    finally:
        driver.quit()


def texts(driver: Any, selector: str) -> list[str]:
    """innerText of every match, read in one script call (Streamlit re-renders nodes freely)."""
    script = "return [...document.querySelectorAll(arguments[0])].map(e => e.innerText)"
    return list(driver.execute_script(script, selector))


def problems(driver: Any) -> list[str]:
    """Texts of Streamlit exception boxes and error alerts on the page."""
    return texts(driver, PROBLEMS)


def wait_for(
    driver: Any,
    check: Callable[[], object],
    what: str,
    timeout: float = PAGE_TIMEOUT,
    interval: float = 0.2,
    errors_expected: bool = False,
) -> None:
    """Poll the DOM until check() is truthy; fail at once on an exception box or error alert.

    errors_expected: error alerts are what is waited for (exception boxes still fail at once).
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = texts(driver, EXCEPTIONS) if errors_expected else problems(driver)
        assert not found, f"{what}: the page shows an error: {found}"
        if check():
            return
        time.sleep(interval)
    raise AssertionError(f"{what}: not rendered within {timeout} s")


def rendered(driver: Any, title: str, marker: str) -> bool:
    """The title and the page's marker are present and Streamlit has finished running."""
    return title in texts(driver, "h1") and bool(texts(driver, marker)) and idle(driver)


def idle(driver: Any) -> bool:
    """Streamlit is not running a script (its status widget does not say "Running")."""
    return not any("Running" in r for r in texts(driver, '[data-testid="stStatusWidget"]'))


def click(driver: Any, kind: str, text: str, timeout: float = PAGE_TIMEOUT) -> None:
    """Wait until the visible `kind` (button, tab, label, option) showing text is clickable; click.

    Streamlit renders (and re-renders) elements after the page loads, so the element is looked
    up again on every poll: a WebDriverWait on it being displayed and enabled, retried when the
    node was replaced or covered between the look-up and the click.
    """
    from selenium.common.exceptions import (
        ElementClickInterceptedException,
        ElementNotInteractableException,
        StaleElementReferenceException,
    )
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    def clicked(d: Any) -> bool:
        found = problems(d)
        assert not found, f"before clicking {kind} {text!r}: the page shows an error: {found}"
        element = d.execute_script(f"{_VISIBLE} return {_FINDERS[kind]} || null", text)
        if element is None:
            return False
        clickable = ec.element_to_be_clickable(element)(d)
        if not clickable:
            return False
        clickable.click()
        return True

    ignored = (
        StaleElementReferenceException,
        ElementClickInterceptedException,
        ElementNotInteractableException,
    )
    WebDriverWait(driver, timeout, poll_frequency=0.2, ignored_exceptions=ignored).until(
        clicked, f"no clickable {kind} {text!r} within {timeout} s"
    )


def save(driver: Any, folder: Path, name: str, errors_expected: bool = False) -> Path:
    """A screenshot once plotly has drawn (its SVG is there); returns the file."""
    wait_for(driver, lambda: idle(driver), f"screenshot {name}", errors_expected=errors_expected)
    time.sleep(1)  # plotly animates its first draw; the picture only, not synchronisation
    path = folder / f"{name}.png"
    assert driver.save_screenshot(str(path))
    return path


def upload(
    driver: Any, path: Path, timeout: float = PAGE_TIMEOUT, label: str | None = None
) -> None:
    """Wait for the file input (hidden by Streamlit: present, not clickable), then send the file.

    label: the uploader whose label is this text (default: the first uploader on the page).
    """
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    find = """return [...document.querySelectorAll('[data-testid="stFileUploader"]')]
        .filter(u => u.querySelector('label') && u.querySelector('label').innerText.trim()
            === arguments[0]).map(u => u.querySelector('input[type="file"]'))[0] || null"""

    def sent(d: Any) -> bool:
        if label is None:
            inputs = d.find_elements(By.CSS_SELECTOR, 'input[type="file"]')
        else:
            found = d.execute_script(find, label)
            inputs = [found] if found is not None else []
        if not inputs:
            return False
        inputs[0].send_keys(str(path))
        return True

    WebDriverWait(driver, timeout, 0.2, ignored_exceptions=(StaleElementReferenceException,)).until(
        sent, f"no file input within {timeout} s"
    )


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two CSS colours ("rgb(r, g, b)", "rgba(...)" or "#rrggbb")."""

    def luminance(colour: str) -> float:
        if colour.startswith("#"):
            eight_bit = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
        else:
            eight_bit = [int(float(v)) for v in colour[colour.index("(") + 1 : -1].split(",")[:3]]
        c = [v / 255 for v in eight_bit]
        r, g, b = (v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


ROW_PX = 35  # Streamlit's data editor: header and rows are 35 px high


def grid_cells(driver: Any, index: int) -> list[list[str]]:
    """The visible cells of the index-th data grid (Glide's accessible table), row by row."""
    script = """const grid = document.querySelectorAll('[data-testid="stDataFrameResizable"]')
        [arguments[0]];
    if (!grid) return [];
    return [...grid.querySelectorAll('table[role="grid"] tr')]
        .map(r => [...r.querySelectorAll('th, td')].map(c => c.innerText.trim()));"""
    return list(driver.execute_script(script, index))


def edit_select_cell(driver: Any, index: int, row: int, column: int, value: str) -> None:
    """Choose value in a select cell of the index-th data editor (row 0 = first data row).

    The grid is a canvas: double-click the cell's position (columns share the width evenly, as
    Streamlit lays out a few columns), wait for the cell's select box to take the focus, type.
    """
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    grid = driver.find_elements(By.CSS_SELECTOR, '[data-testid="stDataFrameResizable"]')[index]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", grid)
    columns = len(grid_cells(driver, index)[0])
    box = grid.rect
    x = box["width"] * (column + 0.5) / columns - box["width"] / 2
    y = ROW_PX * (row + 1.5) - box["height"] / 2
    ActionChains(driver).move_to_element_with_offset(grid, int(x), int(y)).double_click().perform()
    focused = "return document.activeElement.getAttribute('role') === 'combobox'"
    WebDriverWait(driver, PAGE_TIMEOUT, 0.1).until(
        lambda d: d.execute_script(focused), "the cell's select box did not open"
    )
    ActionChains(driver).send_keys(value).perform()
    WebDriverWait(driver, PAGE_TIMEOUT, 0.05).until(
        lambda d: any(t.strip() == value for t in texts(d, '[role="option"]')),
        f"no option {value!r} in the cell's select box",
    )
    ActionChains(driver).send_keys(Keys.ENTER).perform()
