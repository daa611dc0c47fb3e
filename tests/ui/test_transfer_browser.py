"""Export a model from one instance's Models page and import it on another's, in Chromium.

Two live services (each its own database, API and worker), a `streamlit run` for each, one
headless Chromium: the zip the first page offers is downloaded by the browser and uploaded to
the second page; the imported model then predicts what the exporter's does, to 1e-12.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dota_predict_sdk import DotaPredict
from tests.support.live_service import LiveService, poll_until
from tests.ui.browser import (
    CHROMIUM,
    PAGE_TIMEOUT,
    chromium,
    click,
    rendered,
    save,
    streamlit_ui,
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
EXPORTED = "ui-exported-lr"
IMPORTED = "ui-imported-lr"
RADIANT = [14, 2, 3, 4, 5]
DIRE = [6, 7, 8, 9, 10]


@pytest.fixture(scope="module")
def instances(
    redis_url: str, tmp_path_factory: pytest.TempPathFactory, training_csv: bytes
) -> Iterator[tuple[LiveService, LiveService]]:
    """Two instances; the first has a model of its own (not the default) active."""
    lives = [
        LiveService(workdir=tmp_path_factory.mktemp(name), redis_url=redis_url).start()
        for name in ("exporter", "importer")
    ]
    try:
        for live in lives:
            with DotaPredict(base_url=live.base_url) as sdk:
                poll_until(sdk.active_model_id, timeout=180, interval=0.25)
        with DotaPredict(base_url=lives[0].base_url) as sdk:
            sdk.train("logistic_regression", {"C": 0.05}, data=training_csv, model_id=EXPORTED)
            sdk.activate(EXPORTED)  # the Models page opens on the active model
        yield lives[0], lives[1]
    finally:
        for live in lives:
            live.stop()


def models_page(driver: Any, url: str) -> None:
    driver.get(f"{url}/models")
    wait_for(driver, lambda: rendered(driver, "Models", ".js-plotly-plot"), "models page")


def test_export_on_one_instance_then_import_on_another(
    instances: tuple[LiveService, LiveService],
    tmp_path_factory: pytest.TempPathFactory,
    screenshots: Path,
) -> None:
    exporter, importer = instances
    downloads = tmp_path_factory.mktemp("downloads")
    logs = tmp_path_factory.mktemp("streamlit-transfer")
    with (
        streamlit_ui({**exporter.env(), "DOTA_PREDICT_URL": exporter.base_url}, logs / "a.log")
        as url_a,
        streamlit_ui({**importer.env(), "DOTA_PREDICT_URL": importer.base_url}, logs / "b.log")
        as url_b,
        chromium(tmp_path_factory.mktemp("chromium-transfer")) as driver,
    ):  # fmt: skip
        driver.execute_cdp_cmd(
            "Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
        )
        # The exporter's page: prepare the zip, then let the browser download it.
        models_page(driver, url_a)
        click(driver, "expander", "Export / import")
        click(driver, "button", "Prepare export")
        click(driver, "button", "Download zip")
        zip_path = downloads / f"{EXPORTED}.zip"
        poll_until(lambda: zip_path.exists() and zip_path.stat().st_size > 0, timeout=60)
        assert zip_path.read_bytes()[:2] == b"PK"
        save(driver, screenshots, "transfer_export")

        # The importer's page: upload the downloaded zip under a new id.
        models_page(driver, url_b)
        click(driver, "expander", "Export / import")
        upload(driver, zip_path, label="Exported zip")
        id_box = (
            '[data-testid="stTextInput"] input[aria-label="Model id (default: the exported one)"]'
        )
        wait_for(driver, lambda: driver.find_elements("css selector", id_box), "model id box")
        driver.find_element("css selector", id_box).send_keys(IMPORTED + "\n")
        click(driver, "button", "Import")
        wait_for(
            driver,
            lambda: any(IMPORTED in t for t in texts(driver, '[data-testid="stAlert"]')),
            "import confirmation",
            timeout=PAGE_TIMEOUT,
        )
        save(driver, screenshots, "transfer_import")

    with (
        DotaPredict(base_url=exporter.base_url) as a,
        DotaPredict(base_url=importer.base_url) as b,
    ):
        imported = b.model_info(IMPORTED)
        assert imported.status == "ready" and not imported.is_active
        assert imported.hyperparameters.to_dict()["C"] == 0.05
        theirs = a.predict(RADIANT, DIRE, model_id=EXPORTED).radiant_win_probability
        ours = b.predict(RADIANT, DIRE, model_id=IMPORTED).radiant_win_probability
        assert ours == pytest.approx(theirs, abs=1e-12)
        # Not a coincidence of two default models: the importer's own default differs.
        assert b.predict(RADIANT, DIRE).radiant_win_probability != pytest.approx(ours, abs=1e-6)
