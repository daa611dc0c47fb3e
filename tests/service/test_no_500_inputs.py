"""Inputs that used to reach a 500 now get a clear 4xx naming the field, and store nothing."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from backend.matches import HERO_COLUMNS
from tests.support.live_service import poll_until

BINARY = bytes(range(128, 256)) * 3  # never valid UTF-8


@pytest.fixture(scope="module")
def ready(client: httpx.Client) -> httpx.Client:
    """The client once the bootstrapped default model is active."""

    def active() -> bool:
        return any(m["is_active"] for m in client.get("/api/v1/models/list").json()["models"])

    poll_until(active, timeout=120, interval=0.5)
    return client


def stored(client: httpx.Client) -> Any:
    return (
        client.get("/api/v1/models/list").json(),
        client.get("/api/v1/models/fit/status", params={"limit": 200}).json(),
    )


def error(response: httpx.Response, status: int = 400, field: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text[:2000]
    body: dict[str, Any] = response.json()
    assert body["status_code"] == status and body["message"]
    if field is not None:
        assert body.get("field") == field, body
    return body


def fit(client: httpx.Client, parts: list[Any]) -> httpx.Response:
    return client.post("/api/v1/models/fit", files=parts)


def text_part(name: str, value: str | bytes) -> Any:
    return (name, (None, value))


def test_binary_text_parts_are_a_400_naming_the_field(ready: httpx.Client) -> None:
    before = stored(ready)
    # curl -F 'file=<binary' sends the file as a text part, without a filename.
    body = error(ready.post("/api/v1/models/predict_csv", files=[text_part("file", BINARY)]))
    assert body["field"] == "file" and "utf-8" in body["message"].lower()
    parts = [text_part("model_type", "logistic_regression"), text_part("model_id", BINARY)]
    error(fit(ready, parts), field="model_id")
    assert stored(ready) == before


def test_account_ids_offset_is_bounded(ready: httpx.Client) -> None:
    for params in ({"offset": 2**63}, {"offset": -1}, {"limit": 2**63}, {"limit": 0}):
        body = error(ready.get("/api/v1/data/account_ids", params=params))
        assert body["field"] in params, body
    assert ready.get("/api/v1/data/account_ids", params={"offset": 10**9}).status_code == 200


@pytest.mark.parametrize(
    "hyperparameters",
    [
        '{"C":' * 5000 + "1" + "}" * 5000,  # deeper than the JSON parser goes
        '{"C": [' + "[" * 900 + "]" * 900 + "]}",  # deep, but parseable
        '{"C": ' + "9" * 5000 + "}",  # past Python's int-str digit limit
        '{"C": ' + "9" * 4000 + "}",  # parseable, but too large for a float
        '{"C": "' + "x" * 1_000_000 + '"}',  # a 1 MB value must not come back
        '{"' + "k" * 1_000_000 + '": 1}',  # nor a 1 MB name
    ],
    ids=["nested-5000", "nested-900", "digits-5000", "digits-4000", "long-value", "long-name"],
)
def test_hostile_hyperparameters(ready: httpx.Client, hyperparameters: str) -> None:
    before = stored(ready)
    parts = [text_part("model_type", "logistic_regression")]
    response = fit(ready, [*parts, text_part("hyperparameters", hyperparameters)])
    body = error(response)
    assert body["field"].startswith("hyperparameters") and body["error"] == (
        "invalid_hyperparameters"
    )
    assert len(response.content) < 1000, response.text[:2000]
    assert stored(ready) == before


def test_deeply_nested_json_body(ready: httpx.Client) -> None:
    for depth in (100_000, 5_000):
        response = ready.post(
            "/api/v1/models/predict",
            content=("[" * depth + "]" * depth).encode(),
            headers={"content-type": "application/json"},
        )
        error(response)


def test_405_has_allow_header(ready: httpx.Client) -> None:
    response = ready.delete("/api/v1/models/list")
    error(response, 405)
    assert "GET" in response.headers["allow"]


def test_long_model_id_is_quoted_briefly(ready: httpx.Client) -> None:
    routes: list[tuple[str, dict[str, str]]] = [
        ("/api/v1/models/model_info", {"model_id": "m" * 10_000}),
        ("/api/v1/data/account_ids", {"model_id": "m" * 10_000}),
    ]
    for route, params in routes:
        response = ready.get(route, params=params)
        assert 400 <= response.status_code < 500 and len(response.content) < 1000, response.text
    parts = [text_part("model_type", "logistic_regression"), text_part("model_id", "x" * 10**6)]
    response = fit(ready, parts)
    error(response, field="model_id")
    assert len(response.content) < 1000


def _csv(rows: list[list[object]], eol: str = "\n") -> bytes:
    header: list[object] = ["match_id", "radiant_win", *HERO_COLUMNS]
    lines = [",".join(str(v) for v in line) for line in [header, *rows]]
    return (eol.join(lines) + "\n").encode()


def _row(match_id: int, win: int = 1) -> list[object]:
    return [match_id, win, *range(1, 11)]


def test_silently_accepted_files_are_now_rejected(ready: httpx.Client) -> None:
    before = stored(ready)
    negative = _csv([_row(5), _row(-7)])
    for route in ("/api/v1/models/predict_csv", "/api/v1/models/fit"):
        form = [text_part("model_type", "logistic_regression")] if route.endswith("fit") else []
        body = error(ready.post(route, files=[*form, ("file", ("m.csv", negative, "text/csv"))]))
        assert (body["column"], body["row"]) == ("match_id", 2), body
    header_only = _csv([])
    body = error(ready.post("/api/v1/models/predict_csv", files={"file": ("m.csv", header_only)}))
    assert "no matches" in body["message"]
    cr_only = _csv([_row(1), _row(2)], eol="\r").replace(b"\n", b"\r")
    body = error(ready.post("/api/v1/models/predict_csv", files={"file": ("m.csv", cr_only)}))
    assert "carriage return" in body["message"] and "twice" not in body["message"]
    assert stored(ready) == before


def test_service_still_predicts(ready: httpx.Client) -> None:
    draft = {"radiant": [{"hero_id": h} for h in range(1, 6)]}
    draft["dire"] = [{"hero_id": h} for h in range(6, 11)]
    response = ready.post("/api/v1/models/predict", content=json.dumps(draft))
    assert response.status_code == 200, response.text
