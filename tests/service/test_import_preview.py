"""POST /api/v1/data/datasets/preview: format, guessed mapping, first rows, problems; sent back."""

from __future__ import annotations

import json

import httpx
import pytest

from backend.matches import read_matches
from tests.support import shared_data as sd
from tests.support.live_service import poll_until

PREVIEW = "/api/v1/data/datasets/preview"
DATASETS = "/api/v1/data/datasets"

HERO_SLOTS = {f"radiant_hero_{i + 1}": f"hero_{i}" for i in range(5)} | {
    f"dire_hero_{i + 1}": f"hero_{i + 5}" for i in range(5)
}
TEAMMATES = {f"radiant_hero_{i + 1}": f"radiant_teammate_{i}" for i in range(5)} | {
    f"dire_hero_{i + 1}": f"dire_teammate_{i}" for i in range(5)
}
# The mapping a person would write for each table file, and the formats of the others.
EXPECTED = {
    sd.LEAGUE: (
        "table",
        {
            "match_id": "match_id",
            "radiant_win": "victor_team",
            "radiant_heroes": "radiant_team",
            "dire_heroes": "dire_team",
        },
        {"radiant": "radiant", "dire": "dire"},
    ),
    sd.HIGHMMR: ("table", {"match_id": "match_id", "radiant_win": "radiant_win", **HERO_SLOTS}, {}),
    sd.PUBLIC_2024: ("table", {"match_id": "id", "radiant_win": "radiant_win", **TEAMMATES}, {}),
    sd.ROSTERS: ("trackdota_json", None, None),
    sd.PLAYERS: ("per_player_row_order", None, None),
    sd.UCI_TRAIN: ("uci_compact", None, None),
    sd.UCI_ORIGINAL: ("uci_original", None, None),
}


@pytest.fixture(scope="module")
def ready(client: httpx.Client) -> httpx.Client:
    poll_until(lambda: client.get("/").json()["active_model_id"], timeout=120, interval=0.3)
    return client


def post(client: httpx.Client, route: str, data: bytes, **form: str) -> httpx.Response:
    return client.post(route, files={"file": ("f", data, "application/octet-stream")}, data=form)


def real_slice(name: str) -> bytes:
    return sd.head_lines(sd.upstream_bytes(name), 61 if name != sd.PLAYERS else 601)


@pytest.mark.parametrize("name", list(EXPECTED), ids=lambda n: n.split("/")[0])
def test_preview_guesses_a_correct_mapping_and_it_uploads_back(
    ready: httpx.Client, name: str
) -> None:
    data = real_slice(name)
    before = len(ready.get(DATASETS).json()["datasets"])
    response = post(ready, PREVIEW, data)
    assert response.status_code == 200, response.text
    found = response.json()
    fmt, columns, labels = EXPECTED[name]
    assert found["format"] == fmt and found["problems"] == []
    expected = read_matches(data, require_label=True)
    assert found["n_matches"] == expected.height
    assert found["rows"] == expected.head(20).to_dicts()  # the first rows as they will be read
    assert len(ready.get(DATASETS).json()["datasets"]) == before  # nothing stored
    form = {"format": found["format"]}
    if columns is not None:
        assert found["mapping"] == {"columns": columns, "labels": labels}
        assert set(found["columns"]) >= set(columns.values())
        form["mapping"] = json.dumps(found["mapping"])
    stored = post(ready, DATASETS, data, **form)
    assert stored.status_code == 201, stored.text
    assert stored.json()["n_matches"] == expected.height


def test_preview_lists_every_bad_column_with_its_row(ready: httpx.Client) -> None:
    lines = real_slice(sd.PUBLIC_2024).decode().splitlines()
    header = lines[0].split(",")
    cells = lines[3].split(",")
    cells[header.index("radiant_teammate_2")] = "Pudgee"
    cells[header.index("radiant_win")] = "maybe"
    lines[3] = ",".join(cells)
    found = post(ready, PREVIEW, "\n".join(lines).encode()).json()
    problems = {p["column"]: p for p in found["problems"]}
    assert problems["radiant_teammate_2"]["row"] == 3
    assert "Did you mean 'Pudge'" in problems["radiant_teammate_2"]["message"]
    assert problems["radiant_win"]["row"] == 3
    assert found["n_matches"] is None and found["rows"] == []


def test_an_edited_mapping_is_previewed_and_a_wrong_one_is_reported(ready: httpx.Client) -> None:
    data = real_slice(sd.LEAGUE)
    swapped = {
        "columns": {
            "match_id": "match_id",
            "radiant_win": "victor_team",
            "radiant_heroes": "dire_team",
            "dire_heroes": "radiant_team",
        },
        "labels": {"Radiant": "dire", "Dire": "radiant"},
    }
    found = post(ready, PREVIEW, data, mapping=json.dumps(swapped)).json()
    original = read_matches(data, require_label=True)
    assert found["problems"] == [] and found["mapping"]["labels"] == {
        "radiant": "dire",
        "dire": "radiant",
    }
    assert found["rows"][0]["radiant_hero_1"] == original["dire_hero_1"][0]
    assert found["rows"][0]["radiant_win"] is (not original["radiant_win"][0])
    wrong = {"columns": {**swapped["columns"], "match_id": "game"}, "labels": swapped["labels"]}
    found = post(ready, PREVIEW, data, mapping=json.dumps(wrong)).json()
    assert (
        found["problems"][0]["column"] == "game"
        and "no such column" in found["problems"][0]["message"]
    )
    upload = post(ready, DATASETS, data, mapping=json.dumps(wrong))
    assert upload.status_code == 400 and upload.json()["column"] == "game"
    assert upload.json()["field"] == "mapping"


def test_pro_matches_and_kaggle_preview_say_why_they_cannot_be_stored(
    ready: httpx.Client,
) -> None:
    pro = [{"match_id": 1, "radiant_win": True, "leagueid": 5, "radiant_team_id": 2}]
    found = post(ready, PREVIEW, json.dumps(pro).encode()).json()
    assert found["format"] == "opendota_pro_matches"
    assert "no hero picks" in found["problems"][0]["message"]
    found = post(ready, PREVIEW, real_slice(sd.KAGGLE)).json()
    assert "no hero picks" in found["problems"][0]["message"]
