"""A changed artifact is refused with a clear 409; other models keep serving."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import zipfile

import httpx
import numpy as np

from backend.ml import artifacts
from tests.support.live_service import LiveService, poll_until

DRAFT = {
    "radiant": [{"hero_id": h} for h in range(1, 6)],
    "dire": [{"hero_id": h} for h in range(6, 11)],
}


def _predict(client: httpx.Client, model_id: str | None = None) -> httpx.Response:
    return client.post("/api/v1/models/predict", json={**DRAFT, "model_id": model_id})


def _rewrite(service: LiveService, model_id: str, content: bytes, sha256: str) -> None:
    path = service.database_url.split(":///", 1)[1]
    with sqlite3.connect(path, timeout=30) as db:
        db.execute(
            "UPDATE model_artifacts SET content = ?, sha256 = ? WHERE model_id = ?",
            (content, sha256, model_id),
        )


def _artifact(service: LiveService, model_id: str) -> bytes:
    path = service.database_url.split(":///", 1)[1]
    with sqlite3.connect(path, timeout=30) as db:
        row = db.execute(
            "SELECT content FROM model_artifacts WHERE model_id = ?", (model_id,)
        ).fetchone()
    return bytes(row[0])


def _forge(blob: bytes) -> bytes:
    """The artifact with its root type swapped for os:system (a well-formed, evil header)."""
    with zipfile.ZipFile(io.BytesIO(blob[len(artifacts.MAGIC) :])) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    header = json.loads(np.load(io.BytesIO(entries["__header__.npy"])).tobytes())
    assert header["root"]["__type__"].startswith("backend.ml.")
    header["root"]["__type__"] = "os:system"
    buffer = io.BytesIO()
    np.save(buffer, np.frombuffer(json.dumps(header).encode(), dtype=np.uint8))
    entries["__header__.npy"] = buffer.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return artifacts.MAGIC + out.getvalue()


def test_tampered_artifact_is_refused_and_service_stays_up(
    service: LiveService, client: httpx.Client, training_csv: bytes
) -> None:
    def active() -> str | None:
        return client.get("/").json()["active_model_id"]

    default = poll_until(active, timeout=120, interval=0.5)
    victims = []
    for name in ("victim-bytes", "victim-forged"):
        accepted = client.post(
            "/api/v1/models/fit",
            files=[
                ("model_type", (None, "logistic_regression")),
                ("model_id", (None, name)),
                ("file", ("m.csv", training_csv, "text/csv")),
            ],
        )
        assert accepted.status_code == 202, accepted.text
        victims.append(accepted.json())
    for job in victims:
        assert service.wait_for_job(job["job_id"])["status"] == "succeeded"

    # 1) One byte changed, hash left alone: the checksum refuses it before parsing.
    original = _artifact(service, "victim-bytes")
    changed = bytearray(original)
    changed[len(changed) // 2] ^= 0xFF
    _rewrite(service, "victim-bytes", bytes(changed), hashlib.sha256(original).hexdigest())
    # 2) Hash rewritten too, content naming a class outside backend.ml: refused by the format.
    forged = _forge(_artifact(service, "victim-forged"))
    _rewrite(service, "victim-forged", forged, hashlib.sha256(forged).hexdigest())

    for name in ("victim-bytes", "victim-forged"):
        for _ in range(2):  # refused every time, never cached
            response = _predict(client, name)
            assert response.status_code == 409, response.text
            body = response.json()
            assert body["error"] == "model_artifact_invalid" and body["field"] == "model_id"
            assert name in body["message"]
    assert "checksum" in _predict(client, "victim-bytes").json()["message"]

    ok = _predict(client)
    assert ok.status_code == 200 and ok.json()["model_id"] == default
    assert client.get("/").json()["status"] == "ok"
    assert service.api is not None and service.api.poll() is None
