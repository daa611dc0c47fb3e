"""Each upstream file goes in as it is, through every upload route, with no conversion script."""

from __future__ import annotations

import json

import httpx
import polars as pl
import pytest

from backend.matches import read_matches
from backend.matches.csv_reader import read_import
from tests.support import shared_data as sd
from tests.support.live_service import LiveService, poll_until

DATASETS = "/api/v1/data/datasets"
FIT = "/api/v1/models/fit"
# The files with heroes, and how many data lines make a real slice of about 300 matches.
UPLOADS = {
    sd.ROSTERS: 330,
    sd.PLAYERS: 3000,
    sd.LEAGUE: 301,
    sd.HIGHMMR: 301,
    sd.PUBLIC_2024: 301,
    sd.UCI_TRAIN: 300,
    sd.UCI_TEST: 300,
    sd.UCI_ORIGINAL: 300,
}


@pytest.fixture(scope="module")
def ready(client: httpx.Client) -> httpx.Client:
    """The module's service once its default model is active."""
    poll_until(lambda: client.get("/").json()["active_model_id"], timeout=120, interval=0.3)
    return client


def upload(client: httpx.Client, name: str, content: bytes, **form: str) -> httpx.Response:
    return client.post(
        DATASETS, files={"file": (name, content, "application/octet-stream")}, data=form
    )


def short(name: str) -> str:
    return name.split("/")[0]


@pytest.mark.parametrize("name", list(UPLOADS), ids=short)
def test_each_upstream_file_uploads_whole_in_its_own_format(ready: httpx.Client, name: str) -> None:
    data = sd.upstream_bytes(name)
    expected = read_matches(data, require_label=True)  # = the build script's (tests/matches)
    response = upload(ready, name.rsplit("/", 1)[1].removesuffix(".gz"), data)
    assert response.status_code == 201, response.text
    info = response.json()
    assert info["n_matches"] == expected.height and info["n_labelled"] == expected.height
    assert info["radiant_win_rate"] == pytest.approx(expected["radiant_win"].mean())
    assert info["import_format"] == read_import(data, require_label=True).format
    # Read again from storage (another process's cache is empty): the same matches.
    stored = ready.get(f"{DATASETS}/info", params={"dataset_id": info["dataset_id"]}).json()
    assert stored["n_matches"] == expected.height and stored["n_players"] == info["n_players"]


def test_kaggle_results_without_heroes_are_a_clear_400(ready: httpx.Client) -> None:
    for route in (DATASETS, FIT):
        form = {"model_type": "logistic_regression"} if route == FIT else {}
        files = {"file": ("match.csv", sd.upstream_bytes(sd.KAGGLE), "text/csv")}
        response = ready.post(route, files=files, data=form)
        assert response.status_code == 400, response.text
        assert "no hero picks" in response.json()["message"]


def test_each_upstream_slice_trains_through_fit(service: LiveService, ready: httpx.Client) -> None:
    jobs = {}
    for name, lines in UPLOADS.items():
        data = sd.head_lines(sd.upstream_bytes(name), lines + 1)
        files = {"file": (name.rsplit("/", 1)[1], data, "application/octet-stream")}
        form = {"model_type": "logistic_regression", "hyperparameters": '{"C": 0.1}'}
        response = ready.post(FIT, files=files, data=form)
        assert response.status_code == 202, (name, response.text)
        jobs[name] = (response.json(), read_matches(data, require_label=True).height)
    for name, (accepted, matches) in jobs.items():
        status = service.wait_for_job(accepted["job_id"], timeout=300)
        assert status["status"] == "succeeded", (name, status)
        info = ready.get("/api/v1/models/model_info", params={"model_id": accepted["model_id"]})
        assert info.json()["dataset"]["n_matches"] == matches, name


def league_slice() -> bytes:
    return sd.head_lines(sd.upstream_bytes(sd.LEAGUE), 301)


MAPPING = {
    "columns": {
        "match_id": "match_id",
        "radiant_win": "victor_team",
        "radiant_heroes": "radiant_team",
        "dire_heroes": "dire_team",
    },
    "labels": {"Radiant": "radiant", "Dire": "dire"},
}


def test_a_named_format_and_mapping_are_stored_as_canonical_and_train(
    service: LiveService, ready: httpx.Client
) -> None:
    data = league_slice()
    expected = read_matches(data, require_label=True)
    response = upload(ready, "league.csv", data, format="table", mapping=json.dumps(MAPPING))
    assert response.status_code == 201, response.text
    info = response.json()
    assert info["n_matches"] == 300 and info["import_format"] == "table"
    assert info["radiant_win_rate"] == pytest.approx(expected["radiant_win"].mean())
    # A worker reads the stored (canonical) file with no options at all.
    form = {"model_type": (None, "logistic_regression"), "dataset_id": (None, info["dataset_id"])}
    fit = ready.post(FIT, files=form)
    assert fit.status_code == 202, fit.text
    assert service.wait_for_job(fit.json()["job_id"], timeout=300)["status"] == "succeeded"


@pytest.mark.parametrize(
    ("form", "field", "column"),
    [
        ({"mapping": "{not json"}, "mapping", None),
        ({"mapping": json.dumps({"columns": {"match_id": "nope"}})}, "mapping", "nope"),
        ({"mapping": json.dumps({"columns": {"hero": "match_id"}})}, "mapping", "hero"),
        (
            {"mapping": json.dumps({**MAPPING, "labels": {"Radiant": "radiant"}})},
            "file",
            "victor_team",
        ),
        ({"format": "xlsx"}, "format", None),
        ({"format": "opendota_json"}, "format", None),
    ],
)
def test_a_wrong_mapping_or_format_is_a_400_naming_it(
    ready: httpx.Client, form: dict[str, str], field: str, column: str | None
) -> None:
    before = len(ready.get(DATASETS).json()["datasets"])
    for route, extra in ((DATASETS, {}), (FIT, {"model_type": "logistic_regression"})):
        response = ready.post(
            route,
            files={"file": ("league.csv", league_slice(), "text/csv")},
            data={**form, **extra},
        )
        assert response.status_code == 400, response.text
        body = response.json()
        assert body["field"] == field and body.get("column") == column, body
    assert len(ready.get(DATASETS).json()["datasets"]) == before  # nothing stored


def test_predict_csv_results_and_evaluate_take_the_format_too(ready: httpx.Client) -> None:
    data = league_slice()
    files = {"file": ("league.csv", data, "text/csv")}
    form = {"format": "table", "mapping": json.dumps(MAPPING)}
    predicted = ready.post("/api/v1/models/predict_csv", files=files, data=form)
    assert predicted.status_code == 200, predicted.text
    ids = [p["match_id"] for p in predicted.json()["predictions"]]
    assert ids == read_matches(data, require_label=True)["match_id"].to_list()
    evaluated = ready.post("/api/v1/models/evaluate", files=files, data=form)
    assert evaluated.status_code == 200, evaluated.text
    assert evaluated.json()["n_matches"] == 300
    posted = ready.post("/api/v1/data/results", files=files, data=form)
    assert posted.status_code == 200, posted.text
    assert posted.json()["ingested"] + posted.json()["duplicates"] == 300
    # Detected without any field, UCI rows predict too (match_id = row number).
    uci = sd.head_lines(sd.upstream_bytes(sd.UCI_TEST), 20)
    response = ready.post("/api/v1/models/predict_csv", files={"file": ("u.csv", uci, "text/csv")})
    assert response.status_code == 200, response.text
    assert [p["match_id"] for p in response.json()["predictions"]] == list(range(1, 21))
    bad = ready.post("/api/v1/data/results", files=files, data={"format": "uci_original"})
    assert bad.status_code == 400 and bad.json()["field"] == "format"


def test_opendota_match_json_uploads(ready: httpx.Client, real_matches: pl.DataFrame) -> None:
    few = real_matches.filter(pl.col("start_time").is_not_null()).tail(60)
    records = []
    for m in few.iter_rows(named=True):
        players = [
            {
                "player_slot": base + i - 1,
                "hero_id": m[f"{side}_hero_{i}"],
                "account_id": m[f"{side}_account_id_{i}"],
            }
            for side, base in (("radiant", 0), ("dire", 128))
            for i in range(1, 6)
        ]
        records.append(
            {
                "match_id": m["match_id"],
                "start_time": m["start_time"],
                "radiant_win": m["radiant_win"],
                "leagueid": 1,
                "players": players,
            }
        )
    records.append({"match_id": 1, "start_time": 1, "radiant_win": True, "players": []})
    response = upload(ready, "matches.json", "\n".join(json.dumps(r) for r in records).encode())
    assert response.status_code == 201, response.text
    info = response.json()
    assert info["n_matches"] == 60 and info["import_format"] == "opendota_json"
    assert info["skipped"] == {"no players (OpenDota has no draft for it)": 1}
