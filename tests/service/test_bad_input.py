"""Bad input gets a clear 4xx naming the field/column/row, and changes nothing stored."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import polars as pl
import pytest

from tests.conftest import csv_bytes
from tests.support.live_service import LiveService, poll_until


@pytest.fixture(scope="module")
def small_limit_service(
    redis_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveService]:
    """A service with a 0.05 MB upload limit, so a too-large file is cheap to send."""
    live = LiveService(
        workdir=tmp_path_factory.mktemp("limits"),
        redis_url=redis_url,
        extra_env={"APP_MAX_UPLOAD_MB": "0.05"},
    ).start()
    yield live
    live.stop()


@pytest.fixture(scope="module")
def ready(client: httpx.Client) -> httpx.Client:
    """The client once the default model is active."""

    def active() -> bool:
        return any(m["is_active"] for m in client.get("/api/v1/models/list").json()["models"])

    poll_until(active, timeout=90, interval=0.5)
    return client


def stored_state(client: httpx.Client) -> Any:
    return (
        client.get("/api/v1/models/list").json(),
        client.get("/api/v1/models/fit/status", params={"limit": 200}).json(),
    )


def multipart(form: dict[str, str], content: bytes | None = None) -> list[Any]:
    """Form fields (and an optional file) as multipart parts, like curl -F."""
    parts: list[Any] = [(key, (None, value)) for key, value in form.items()]
    if content is not None:
        parts.append(("file", ("m.csv", content, "text/csv")))
    return parts


def fit(client: httpx.Client, content: bytes | None = None, **form: str) -> httpx.Response:
    fields = {"model_type": "logistic_regression", **form}
    return client.post("/api/v1/models/fit", files=multipart(fields, content))


def assert_error(response: httpx.Response, status: int, *needles: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert body["status_code"] == status and body["error"] and body["message"]
    for needle in needles:
        assert needle.lower() in json.dumps(body).lower(), body
    return body


def replace_cell(frame: pl.DataFrame, column: str, row: int, value: str) -> bytes:
    """CSV bytes of the frame with one cell replaced by raw text."""
    text = frame.with_columns(pl.col(column).cast(pl.Utf8)).with_columns(
        pl.when(pl.int_range(pl.len()) == row)
        .then(pl.lit(value))
        .otherwise(pl.col(column))
        .alias(column)
    )
    return csv_bytes(text)


@pytest.fixture(scope="module")
def frame(real_matches: pl.DataFrame) -> pl.DataFrame:
    return real_matches.tail(200)


def test_file_problems_are_rejected_and_nothing_changes(
    ready: httpx.Client, frame: pl.DataFrame
) -> None:
    before = stored_state(ready)
    cases: list[tuple[bytes, tuple[str, ...]]] = [
        (b"", ("empty",)),
        ("match_id,radiant_win\n1,true\n".encode("utf-16"), ("utf-8",)),
        (csv_bytes(frame.drop("radiant_hero_3", "dire_hero_5")), ("radiant_hero_3", "dire_hero_5")),
        (replace_cell(frame, "radiant_hero_2", 4, "999"), ("999", "radiant_hero_2", '"row": 5')),
        (
            replace_cell(frame, "dire_hero_1", 7, str(frame["radiant_hero_1"][7])),
            ("twice", '"row": 8'),
        ),
        (replace_cell(frame, "radiant_win", 2, "maybe"), ("radiant_win", "maybe", '"row": 3')),
    ]
    for content, needles in cases:
        assert_error(fit(ready, content), 400, *needles)
    assert stored_state(ready) == before


def test_per_player_file_with_four_players_on_a_side(ready: httpx.Client) -> None:
    rows = ["match_id,account_id,hero_id,player_slot,radiant_win"]
    slots = [0, 1, 2, 3, 128, 129, 130, 131, 132]  # radiant has only four players
    rows += [f"77,{1000 + i},{i + 1},{slot},true" for i, slot in enumerate(slots)]
    assert_error(fit(ready, "\n".join(rows).encode()), 400, "77", "radiant")


def test_form_problems_are_rejected(ready: httpx.Client) -> None:
    before = stored_state(ready)
    assert_error(
        ready.post("/api/v1/models/fit", files=multipart({"model_type": "neural_net"})),
        400,
        "model_type",
        "logistic_regression",
        "catboost",
    )
    assert_error(fit(ready, hyperparameters='{"not_a_param": 1}'), 400, "not_a_param", "C")
    assert_error(fit(ready, hyperparameters='{"C": -5}'), 400, "hyperparameters.C")
    assert_error(fit(ready, hyperparameters="[1, 2]"), 400, "json object")
    for bad_id in ("../etc", "a/b", "..", "x" * 65):
        assert_error(fit(ready, model_id=bad_id), 400, "model_id")
    taken = ready.get("/api/v1/models/list").json()["models"][0]["model_id"]
    assert_error(fit(ready, model_id=taken), 409, "model_id", "taken")
    urlencoded = ready.post("/api/v1/models/fit", data={"model_type": "catboost"})
    assert_error(urlencoded, 415, "multipart/form-data", "curl -F")
    assert stored_state(ready) == before


def test_prediction_problems(ready: httpx.Client) -> None:
    five = [{"hero_id": h} for h in (1, 2, 3, 4, 5)]
    other = [{"hero_id": h} for h in (6, 7, 8, 9, 10)]
    predict = "/api/v1/models/predict"
    assert_error(
        ready.post(predict, json={"radiant": five[:4], "dire": other}), 400, "radiant", "5"
    )
    six = [*other, {"hero_id": 11}]
    assert_error(ready.post(predict, json={"radiant": five, "dire": six}), 400, "dire", "6")
    assert_error(
        ready.post(predict, json={"radiant": five, "dire": [*other[:4], {"hero_id": 1}]}),
        400,
        "twice",
    )
    assert_error(
        ready.post(predict, json={"radiant": [*five[:4], {"hero_id": 999}], "dire": other}),
        400,
        "999",
    )
    assert_error(
        ready.post(predict, json={"radiant": [*five[:4], {"hero_id": "Nobody"}], "dire": other}),
        400,
        "nobody",
    )
    assert_error(
        ready.post(predict, json={"radiant": five, "dire": other, "model_id": "ghost"}),
        404,
        "ghost",
    )
    assert_error(ready.post(predict, json={"radiant": five}), 400, "dire")
    # One player in two slots, also when written as a SteamID64 in one of them.
    same = [{**five[0], "account_id": 87278757}, *five[1:]]
    twice = [*other[:4], {**other[4], "account_id": 87278757 + 76561197960265728}]
    repeated = assert_error(ready.post(predict, json={"radiant": same, "dire": twice}), 400)
    assert repeated["field"] == "dire[4].account_id" and "plays twice" in repeated["message"]
    suggest = ready.post(
        "/api/v1/models/suggest_picks",
        json={"side": "radiant", "radiant": same[:2], "dire": [], "account_id": 87278757},
    )
    assert assert_error(suggest, 400)["field"] == "account_id"
    for match_id in (-1, 2**63):  # -1 would read as "no match"; 2**63 does not fit the ledger
        body = {"radiant": five, "dire": other, "match_id": match_id}
        assert assert_error(ready.post(predict, json=body), 400)["field"] == "match_id"
    assert_error(ready.put("/api/v1/models/activate", json={"model_id": "ghost"}), 404, "ghost")
    assert_error(
        ready.post("/api/v1/models/predict_csv", files={"file": ("x.csv", b"", "text/csv")}),
        400,
        "empty",
    )
    assert_error(ready.get("/api/v1/models/fit/status", params={"job_id": "nope"}), 404, "nope")
    malformed = ready.post(
        predict, content=b"{bad json", headers={"content-type": "application/json"}
    )
    assert_error(malformed, 400, "json")
    assert assert_error(ready.get("/api/v1/models/model_info"), 400)["field"] == "model_id"
    assert (
        assert_error(ready.get("/api/v1/data/account_ids", params={"limit": 0}), 400)["field"]
        == "limit"
    )
    assert_error(ready.get("/api/v1/models/model_info", params={"model_id": "ghost"}), 404, "ghost")
    assert_error(ready.get("/api/v1/data/account_ids", params={"model_id": "ghost"}), 404, "ghost")


def test_file_over_the_size_limit(small_limit_service: LiveService, frame: pl.DataFrame) -> None:
    with small_limit_service.client() as client:
        before = client.get("/api/v1/models/list").json()
        big = csv_bytes(pl.concat([frame] * 3))
        assert len(big) > 0.05 * 1024 * 1024
        assert_error(fit(client, big, model_id="too-big"), 413, "limit")
        after = client.get("/api/v1/models/list").json()
        assert "too-big" not in json.dumps(after)
        assert len(after["models"]) == len(before["models"])
