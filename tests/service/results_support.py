"""Shared pieces of the results-ingestion and monitoring service tests."""

from __future__ import annotations

from typing import Any

import httpx
import polars as pl

from tests.support.live_service import LiveService


def csv_bytes(frame: pl.DataFrame) -> bytes:
    """A canonical frame as an upload."""
    return frame.write_csv().encode()


def train(service: LiveService, frame: pl.DataFrame, model_id: str) -> None:
    """Train a default logistic regression on the frame and wait until it is ready."""
    with service.client() as client:
        response = client.post(
            "/api/v1/models/fit",
            data={"model_type": "logistic_regression", "model_id": model_id},
            files={"file": ("train.csv", csv_bytes(frame), "text/csv")},
        )
        assert response.status_code == 202, response.text
        job_id = response.json()["job_id"]
    final = service.wait_for_job(job_id, timeout=300)
    assert final["status"] == "succeeded", (final, service.logs())


def ingest(client: httpx.Client, frame: pl.DataFrame | bytes) -> httpx.Response:
    """POST a results file."""
    content = frame if isinstance(frame, bytes) else csv_bytes(frame)
    return client.post("/api/v1/data/results", files={"file": ("results.csv", content, "text/csv")})


def predict_csv(client: httpx.Client, frame: pl.DataFrame, model_id: str) -> dict[str, Any]:
    """Predictions of a file (labels dropped, as a user predicting upcoming matches would)."""
    response = client.post(
        "/api/v1/models/predict_csv",
        data={"model_id": model_id},
        files={"file": ("m.csv", csv_bytes(frame.drop("radiant_win")), "text/csv")},
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def probabilities(client: httpx.Client, frame: pl.DataFrame, model_id: str) -> list[float]:
    """Just the probabilities, in file order."""
    return [
        p["radiant_win_probability"] for p in predict_csv(client, frame, model_id)["predictions"]
    ]


def model_updated(body: dict[str, Any], model_id: str) -> dict[str, Any]:
    """The models_updated entry of one model."""
    entries = [m for m in body["models_updated"] if m["model_id"] == model_id]
    assert len(entries) == 1, body
    return entries[0]
