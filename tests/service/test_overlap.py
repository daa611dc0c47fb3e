"""Matches a model was trained on are counted and left out of its scores (in-sample)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.support.live_service import poll_until

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", autouse=True)
def default_model(client: httpx.Client) -> None:
    """The bootstrapped default model is trained and active."""
    poll_until(lambda: client.get("/").json()["active_model_id"], timeout=180, interval=0.3)


def _evaluate(client: httpx.Client, data: bytes, **form: str) -> dict[str, Any]:
    response = client.post(
        "/api/v1/models/evaluate",
        data=form,
        files={"file": ("sample.csv", data, "text/csv")},
        timeout=120,
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_the_default_model_on_its_own_sample_scores_nothing_as_holdout(
    client: httpx.Client,
) -> None:
    sample = client.get("/api/v1/data/sample", timeout=60).content
    n = sample.count(b"\n") - 1
    (default,) = _evaluate(client, sample)["results"]
    assert default["n_training_matches"] == n
    assert default["n_scored"] == 0 and default["log_loss"] is None
    assert default["in_sample"] is False
    kept = _evaluate(client, sample, include_training_matches="true")
    (in_sample,) = kept["results"]
    assert in_sample["n_scored"] == n and in_sample["in_sample"] is True
    assert in_sample["baselines"]["coin_flip"]["n_matches"] == n
    assert in_sample["log_loss"] < in_sample["baselines"]["training_base_rate"]["log_loss"]

    predicted = client.post(
        "/api/v1/models/predict_csv",
        files={"file": ("sample.csv", sample, "text/csv")},
        timeout=120,
    ).json()
    quality = predicted["quality"]
    assert (quality["n_labelled"], quality["n_training_matches"], quality["n_scored"]) == (n, n, 0)
    assert quality["log_loss"] is None


def test_promotion_refuses_in_sample_evidence(client: httpx.Client) -> None:
    sample = client.get("/api/v1/data/sample", timeout=60).content
    fit = client.post(
        "/api/v1/models/fit",
        data={"model_type": "logistic_regression", "model_id": "overlap-challenger"},
        files={"file": ("sample.csv", sample, "text/csv")},
    )
    assert fit.status_code == 202, fit.text

    def done() -> bool:
        status = client.get("/api/v1/models/fit/status", params={"job_id": fit.json()["job_id"]})
        return status.json()["status"] == "succeeded"

    poll_until(done, timeout=300, interval=0.5)
    evaluation = _evaluate(
        client, sample, model_ids="overlap-challenger", include_training_matches="true"
    )
    response = client.post(
        "/api/v1/models/promote",
        files={  # multipart without a file: every field as a part
            "model_id": (None, "overlap-challenger"),
            "evaluation_id": (None, evaluation["evaluation_id"]),
        },
    )
    assert response.status_code == 200, response.text
    promoted = response.json()
    assert promoted["promoted"] is False
    assert "trained on" in promoted["reason"]
    assert promoted["evidence"]["training_matches"]["overlap-challenger"] == sample.count(b"\n") - 1
