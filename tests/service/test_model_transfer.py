"""Export a model from one instance, import it into another: the same probabilities to 1e-12,
and every damaged or foreign file is a 400 that stores nothing."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from typing import Any

import httpx
import numpy as np
import polars as pl
import pytest

from backend.db.migrate import upgrade_to_head
from tests.service.results_support import csv_bytes, train
from tests.support.live_service import LiveService

pytestmark = pytest.mark.slow
MODELS = {"tx-lr": ("logistic_regression", {}), "tx-cb": ("catboost", {"iterations": 40})}


@pytest.fixture(scope="module")
def source(
    redis_url: str, tmp_path_factory: pytest.TempPathFactory, ordered: pl.DataFrame
) -> Iterator[LiveService]:
    live = LiveService(
        workdir=tmp_path_factory.mktemp("export"),
        redis_url=redis_url,
        extra_env={"APP_BOOTSTRAP_DEFAULT_MODEL": "false"},
    ).start()
    training = ordered.slice(ordered.height - 2700, 1200)
    train(live, training, "tx-lr")
    with live.client() as client:
        fit = client.post(
            "/api/v1/models/fit",
            data={
                "model_type": "catboost",
                "model_id": "tx-cb",
                "hyperparameters": '{"iterations": 40}',
            },
            files={"file": ("train.csv", csv_bytes(training), "text/csv")},
        )
        assert fit.status_code == 202, fit.text
    assert live.wait_for_job(fit.json()["job_id"], timeout=300)["status"] == "succeeded"
    yield live
    live.stop()


@pytest.fixture(scope="module")
def target(redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveService]:
    """A second instance: its own database, API only (an import needs no worker)."""
    live = LiveService(
        workdir=tmp_path_factory.mktemp("import"),
        redis_url=redis_url,
        extra_env={"APP_BOOTSTRAP_DEFAULT_MODEL": "false"},
    )
    upgrade_to_head(live.database_url)
    live.start_api()
    yield live
    live.stop()


def export(client: httpx.Client, model_id: str) -> bytes:
    response = client.get("/api/v1/models/export", params={"model_id": model_id})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/zip"
    assert f'filename="{model_id}.dpmodel.zip"' in response.headers["content-disposition"]
    return response.content


def upload(client: httpx.Client, data: bytes, model_id: str | None = None) -> httpx.Response:
    form = {"model_id": (None, model_id)} if model_id else {}
    return client.post(
        "/api/v1/models/import",
        files={**form, "file": ("model.dpmodel.zip", data, "application/zip")},
    )


def probabilities(client: httpx.Client, model_id: str, frame: pl.DataFrame) -> np.ndarray:
    response = client.post(
        "/api/v1/models/predict_csv",
        data={"model_id": model_id},
        files={"file": ("m.csv", csv_bytes(frame.drop("radiant_win")), "text/csv")},
    )
    assert response.status_code == 200, response.text
    rows: list[dict[str, Any]] = response.json()["predictions"]
    return np.array([r["radiant_win_probability"] for r in rows])


@pytest.mark.parametrize("model_id", list(MODELS))
def test_an_imported_model_predicts_what_the_exported_one_did(
    source: LiveService, target: LiveService, later: pl.DataFrame, model_id: str
) -> None:
    frame = later.slice(0, 300)
    with source.client() as a, target.client() as b:
        data = export(a, model_id)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            card = json.loads(archive.read("model_card.json"))
        assert card["model_id"] == model_id and card["model_type"] == MODELS[model_id][0]
        assert card["dataset"]["n_matches"] == 1200 and len(card["artifact"]["sha256"]) == 64
        imported = upload(b, data)
        assert imported.status_code == 201, imported.text
        info = imported.json()
        original = a.get("/api/v1/models/model_info", params={"model_id": model_id}).json()
        for key in ("model_type", "hyperparameters", "metrics", "status"):
            assert info[key] == original[key], key
        assert info["is_active"] is False
        np.testing.assert_allclose(
            probabilities(b, model_id, frame), probabilities(a, model_id, frame), rtol=0, atol=1e-12
        )
        # Its players are known there too; a second import of the same id is refused.
        known = b.get("/api/v1/data/account_ids", params={"model_id": model_id}).json()
        assert (
            known["total"]
            == a.get("/api/v1/data/account_ids", params={"model_id": model_id}).json()["total"]
            > 0
        )
        again = upload(b, data)
        assert again.status_code == 409 and again.json()["error"] == "model_id_taken"
        renamed = upload(b, data, model_id=f"{model_id}-copy")
        assert renamed.status_code == 201 and renamed.json()["model_id"] == f"{model_id}-copy"


def _rezip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_damaged_and_foreign_files_are_refused_and_store_nothing(
    source: LiveService, target: LiveService
) -> None:
    with source.client() as a, target.client() as b:
        data = export(a, "tx-lr")
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            card = archive.read("model_card.json")
            artifact = archive.read("artifact.dpml")
        flipped = bytearray(artifact)
        flipped[len(flipped) // 2] ^= 0xFF
        edited = json.loads(card)
        edited["artifact"]["sha256"] = "0" * 64
        newer = {**json.loads(card), "format_version": 99}
        cases = {
            "not a zip": b"PK\x03\x04 not really",
            "a CSV": b"match_id,radiant_win\n1,true\n",
            "one byte changed": _rezip({"model_card.json": card, "artifact.dpml": bytes(flipped)}),
            "hash edited": _rezip(
                {"model_card.json": json.dumps(edited).encode(), "artifact.dpml": artifact}
            ),
            "an extra entry": _rezip(
                {"model_card.json": card, "artifact.dpml": artifact, "x.py": b"print(1)"}
            ),
            "no card": _rezip({"artifact.dpml": artifact}),
            "card not JSON": _rezip({"model_card.json": b"{", "artifact.dpml": artifact}),
            "a newer format": _rezip(
                {"model_card.json": json.dumps(newer).encode(), "artifact.dpml": artifact}
            ),
        }
        before = b.get("/api/v1/models/list").json()["models"]
        for name, content in cases.items():
            response = upload(b, content, model_id="tx-bad")
            assert response.status_code == 400, (name, response.text)
            body = response.json()
            assert body["error"] == "invalid_model_file" and body["field"] == "file", name
        assert b.get("/api/v1/models/list").json()["models"] == before
        unknown = a.get("/api/v1/models/export", params={"model_id": "nope"})
        assert unknown.status_code == 404


def test_a_file_over_the_upload_limit_is_413(target: LiveService) -> None:
    with target.client() as b:
        limit = b.get("/api/v1/data/limits").json()["max_upload_bytes"]
        response = upload(b, b"\0" * (limit + 1))
        assert response.status_code == 413, response.text
