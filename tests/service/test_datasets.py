"""Datasets as a resource: upload, list, info, sample, fit by dataset_id, concurrent uploads."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import polars as pl
import pytest

from backend.matches import read_matches
from tests.conftest import csv_bytes
from tests.support.live_service import LiveService, poll_until
from tests.support.postgres import temporary_database

FIT = "/api/v1/models/fit"
DATASETS = "/api/v1/data/datasets"


@pytest.fixture(scope="module")
def ready(client: httpx.Client) -> httpx.Client:
    """The module's service once its default model is active."""
    poll_until(lambda: client.get("/").json()["active_model_id"], timeout=120, interval=0.3)
    return client


def upload(client: httpx.Client, name: str, content: bytes) -> httpx.Response:
    return client.post(DATASETS, files={"file": (name, content, "text/csv")})


def test_an_upload_is_validated_stored_once_and_listed_under_its_name(
    ready: httpx.Client, real_matches: pl.DataFrame
) -> None:
    content = csv_bytes(real_matches.tail(300))
    first = upload(ready, "my matches.csv", content)
    assert first.status_code == 201, first.text
    info = first.json()
    assert info["filename"] == "my matches.csv" and info["n_matches"] == 300
    assert info["size_bytes"] == len(content) and info["trainable"] is True
    assert info["n_labelled"] == 300 and 0 < info["radiant_win_rate"] < 1
    assert info["heroes"][0]["picks"] >= info["heroes"][-1]["picks"] > 0
    assert info["heroes"][0]["name"] and info["top_players"][0]["matches"] > 1
    again = upload(ready, "renamed.csv", content)  # same bytes: the same dataset, not a copy
    assert again.status_code == 201 and again.json()["dataset_id"] == info["dataset_id"]
    listed = ready.get(DATASETS).json()["datasets"]
    ids = [d["dataset_id"] for d in listed]
    assert ids[0] == "default" and ids.count(info["dataset_id"]) == 1
    row = next(d for d in listed if d["dataset_id"] == info["dataset_id"])
    assert row["filename"] == "my matches.csv"
    shown = ready.get(f"{DATASETS}/info", params={"dataset_id": info["dataset_id"]}).json()
    assert shown == {k: info[k] for k in shown}  # the upload adds how it was read
    assert info["import_format"] == "canonical" and info["skipped"] == {}


def test_bad_uploads_get_a_4xx_naming_the_problem(ready: httpx.Client) -> None:
    bad = upload(ready, "bad.csv", b"match_id,radiant_win\n1,true\n")
    assert bad.status_code == 400 and bad.json()["error"] == "invalid_csv"
    assert "radiant_hero_1" in bad.json()["message"]
    empty = upload(ready, "empty.csv", b"")
    assert empty.status_code == 400 and empty.json()["error"] == "empty_file"
    missing = ready.get(f"{DATASETS}/info", params={"dataset_id": "ds-nope"})
    assert missing.status_code == 404 and missing.json()["error"] == "dataset_not_found"


def test_the_sample_is_the_bundled_data_and_reads_back(
    ready: httpx.Client, real_matches: pl.DataFrame
) -> None:
    response = ready.get("/api/v1/data/sample")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    frame = read_matches(response.content, require_label=True)
    assert frame.equals(real_matches)
    default = ready.get(f"{DATASETS}/info", params={"dataset_id": "default"}).json()
    assert default["n_matches"] == real_matches.height


def test_pairs_player_and_limits(ready: httpx.Client, real_matches: pl.DataFrame) -> None:
    pairs = ready.get(f"{DATASETS}/pairs", params={"dataset_id": "default", "top": 6}).json()
    assert len(pairs["hero_ids"]) == 6 and len(pairs["together"]) == 6
    assert all(pairs["together"][i][i] is None for i in range(6))  # a hero never pairs itself
    best = pairs["strongest_pairs"][0]
    assert best["games"] >= 5 and best["lower_bound"] <= best["win_rate"]
    account = int(real_matches["radiant_account_id_1"].drop_nulls()[0])
    record = ready.get(
        f"{DATASETS}/player", params={"dataset_id": "default", "account_id": account}
    ).json()
    assert record["matches"] >= 1 and sum(h["games"] for h in record["heroes"]) == record["matches"]
    limits = ready.get("/api/v1/data/limits").json()
    assert limits["max_upload_mb"] == 50 and limits["job_time_limit_seconds"] == 1800


def test_fit_by_dataset_id(ready: httpx.Client, service: LiveService, training_csv: bytes) -> None:
    stored = upload(ready, "pro 1500.csv", training_csv).json()
    form = {"model_type": (None, "logistic_regression"), "dataset_id": (None, stored["dataset_id"])}
    accepted = ready.post(FIT, files={**form, "model_id": (None, "by-dataset-id")})
    assert accepted.status_code == 202, accepted.text
    assert service.wait_for_job(accepted.json()["job_id"])["status"] == "succeeded"
    info = ready.get("/api/v1/models/model_info", params={"model_id": "by-dataset-id"}).json()
    assert info["dataset"] == {
        "dataset_id": stored["dataset_id"],
        "filename": "pro 1500.csv",  # the original name, not "matches.csv"
        "n_matches": 1500,
    }
    unknown = ready.post(FIT, files={"model_type": (None, "catboost"), "dataset_id": (None, "x")})
    assert unknown.status_code == 404 and unknown.json()["field"] == "dataset_id"
    both = ready.post(FIT, files={**form, "file": ("a.csv", training_csv, "text/csv")})
    assert both.status_code == 400 and both.json()["field"] == "dataset_id"
    tiny = upload(ready, "tiny.csv", csv_bytes(pl.read_csv(io.BytesIO(training_csv)).head(10)))
    refused = ready.post(
        FIT,
        files={"model_type": (None, "catboost"), "dataset_id": (None, tiny.json()["dataset_id"])},
    )
    assert refused.status_code == 400 and refused.json()["error"] == "too_little_data"


@contextmanager
def two_apis(redis_url: str, tmp_path: Path, database: str | None) -> Iterator[list[LiveService]]:
    """Two API (+ worker) processes on one database."""
    started: list[LiveService] = []
    try:
        for name in ("a", "b"):
            (tmp_path / name).mkdir()
            url = started[0].database_url if started else database
            live = LiveService(workdir=tmp_path / name, redis_url=redis_url, database=url)
            started.append(live)
            live.start()
        yield started
    finally:
        for live in started:
            live.stop()


def concurrent_fits(apis: list[LiveService], content: bytes, per_api: int) -> list[httpx.Response]:
    """The same new file fitted through every API process at the same moment."""
    barrier = threading.Barrier(len(apis) * per_api)
    responses: list[httpx.Response] = []

    def fit(api: LiveService, index: int) -> None:
        with api.client() as http:
            barrier.wait(timeout=30)
            responses.append(
                http.post(
                    FIT,
                    files={
                        "model_type": (None, "logistic_regression"),
                        "model_id": (None, f"race-{api.port}-{index}"),
                        "file": ("race.csv", content, "text/csv"),
                    },
                )
            )

    threads = [threading.Thread(target=fit, args=(api, i)) for api in apis for i in range(per_api)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return responses


def _race(redis_url: str, tmp_path: Path, database: str | None, content: bytes) -> None:
    with two_apis(redis_url, tmp_path, database) as apis:
        responses = concurrent_fits(apis, content, per_api=3)
        assert [r.status_code for r in responses] == [202] * 6, [r.text for r in responses]
        with apis[0].client() as http:
            listed = http.get(DATASETS).json()["datasets"]
            race = [d for d in listed if d["filename"] == "race.csv"]
            assert len(race) == 1, listed  # one row, whoever won the insert
            for response in responses:
                http.post("/api/v1/models/fit/cancel", json={"job_id": response.json()["job_id"]})


def test_concurrent_fits_of_one_file_through_two_apis_on_sqlite(
    redis_url: str, tmp_path: Path, real_matches: pl.DataFrame
) -> None:
    _race(redis_url, tmp_path, None, csv_bytes(real_matches.head(400)))


def test_concurrent_fits_of_one_file_through_two_apis_on_postgresql(
    redis_url: str, tmp_path: Path, real_matches: pl.DataFrame
) -> None:
    with temporary_database() as url:
        _race(redis_url, tmp_path, url, csv_bytes(real_matches.head(401)))


def test_uploads_over_the_limit_get_a_413_that_states_it(
    redis_url: str, tmp_path: Path, real_matches: pl.DataFrame
) -> None:
    small = LiveService(
        workdir=tmp_path,
        redis_url=redis_url,
        extra_env={"APP_MAX_UPLOAD_MB": "0.05", "APP_BOOTSTRAP_DEFAULT_MODEL": "false"},
    ).start()
    try:
        with small.client() as http:
            assert http.get("/api/v1/data/limits").json()["max_upload_mb"] == 0.05
            just_over = csv_bytes(real_matches.head(400))  # ~60 kB: the upload check
            way_over = csv_bytes(real_matches)  # ~1.8 MB: past the request body limit
            for content in (just_over, way_over):
                refused = upload(http, "big.csv", content)
                assert refused.status_code == 413, refused.text
                assert "limit of 0.05 MB" in refused.json()["message"]
            assert [d["dataset_id"] for d in http.get(DATASETS).json()["datasets"]] == ["default"]
    finally:
        small.stop()
