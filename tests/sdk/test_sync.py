"""DotaPredict against the live service: every route, uploads in every form, progress, errors."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from dota_predict_sdk import (
    ApiError,
    Conflict,
    DotaPredict,
    InvalidInput,
    JobFailed,
    JobStatusRead,
    JobTimeout,
    NotFound,
    PlayerPick,
    ServiceUnavailable,
    Unauthorized,
)
from tests.conftest import csv_bytes
from tests.sdk.conftest import DIRE, RADIANT
from tests.support.live_service import LiveService, free_port, poll_until

pytestmark = pytest.mark.slow


def test_health_model_types_and_heroes(sdk: DotaPredict, default_model_id: str) -> None:
    health = sdk.health()
    assert health.status == "ok" and health.version
    assert health.active_model_id == default_model_id == sdk.active_model_id()
    assert (health.components.database, health.components.queue) == ("ok", "ok")
    types = {t.name: t for t in sdk.model_types()}
    assert {"logistic_regression", "catboost"} <= set(types)
    iterations = {h.name: h for h in types["catboost"].hyperparameters}["iterations"]
    assert iterations.type_ == "int" and iterations.minimum and iterations.maximum
    assert iterations.minimum <= iterations.default <= iterations.maximum
    heroes = {h.id: h.name for h in sdk.heroes()}
    assert len(heroes) > 100 and heroes[1] == "Anti-Mage"


def test_models_jobs_and_account_ids(sdk: DotaPredict, default_model_id: str) -> None:
    listed = {m.model_id: m for m in sdk.list_models()}
    assert listed[default_model_id].is_active
    info = sdk.model_info(default_model_id)
    assert info.status == "ready" and info.is_active and info.model_type == "logistic_regression"
    assert info.metrics and info.metrics.roc_auc and 0.5 < info.metrics.roc_auc < 1
    job = sdk.latest_job(default_model_id)
    assert job.status == "succeeded" and job.progress == 1.0 and job.job_id == info.job_id
    assert sdk.job(job.job_id).model_id == default_model_id
    assert job.job_id in {j.job_id for j in sdk.jobs(limit=50)}
    assert len(sdk.jobs(limit=1)) == 1
    first, second = sdk.account_ids(limit=5), sdk.account_ids(limit=5, offset=5)
    both = sdk.account_ids(limit=10, model_id=default_model_id)
    assert first.model_id == default_model_id and first.total >= 10
    assert first.account_ids + second.account_ids == both.account_ids


def test_predict_accepts_ids_names_tuples_dicts_and_numpy(sdk: DotaPredict) -> None:
    names = {h.id: h.name for h in sdk.heroes()}
    by_id = sdk.predict(RADIANT, DIRE)
    assert 0 < by_id.radiant_win_probability < 1
    assert by_id.winner == ("radiant" if by_id.radiant_win_probability >= 0.5 else "dire")
    same = [
        sdk.predict([names[h] for h in RADIANT], [names[h] for h in DIRE]),
        sdk.predict([(h, None) for h in RADIANT], [{"hero_id": h} for h in DIRE]),
        sdk.predict(list(np.array(RADIANT)), [PlayerPick(hero_id=h) for h in DIRE]),
    ]
    for prediction in same:
        assert prediction.radiant_win_probability == pytest.approx(by_id.radiant_win_probability)
    known = sdk.account_ids(limit=1).account_ids[0]
    with_players = sdk.predict(
        [(RADIANT[0], known), *RADIANT[1:]],
        [{"hero_id": DIRE[0], "account_id": 123}, *DIRE[1:]],
        explain=True,
    )
    assert with_players.unknown_account_ids == [123]
    assert with_players.factors and with_players.factors[0].factor


def test_predict_csv_from_path_gzip_bytes_and_frames(
    sdk: DotaPredict, real_matches: pl.DataFrame, tmp_path: Path, default_model_id: str
) -> None:
    sample = real_matches.tail(40)
    data = csv_bytes(sample)
    plain, packed = tmp_path / "m.csv", tmp_path / "m.csv.gz"
    plain.write_bytes(data)
    packed.write_bytes(gzip.compress(data))
    results = [
        sdk.predict_csv(source)
        for source in (data, plain, str(packed), sample, sample.to_pandas(), data.decode())
    ]
    expected = [p.radiant_win_probability for p in results[0].predictions]
    assert len(expected) == 40 and results[0].model_id == default_model_id
    assert results[0].quality and results[0].quality.n_labelled == 40
    for result in results[1:]:
        assert [p.radiant_win_probability for p in result.predictions] == pytest.approx(expected)
    frame = sdk.predict_csv_frame(plain, model_id=default_model_id)
    assert list(frame.columns) == ["match_id", "radiant_win_probability", "winner"]
    assert frame["match_id"].tolist() == sample["match_id"].to_list()
    assert frame["radiant_win_probability"].tolist() == pytest.approx(expected)
    assert frame.attrs["model_id"] == default_model_id


def test_fit_reports_progress_then_activate_and_compare(
    sdk: DotaPredict, training_csv_path: Path, default_model_id: str
) -> None:
    accepted = sdk.fit("catboost", {"iterations": 400, "depth": 4}, training_csv_path, "sdk-cb")
    assert (accepted.model_id, accepted.status) == ("sdk-cb", "queued")
    seen: list[JobStatusRead] = []
    final = sdk.wait_for_job(
        accepted.job_id, timeout=180, poll_interval=0.05, on_progress=seen.append
    )
    assert final.status == "succeeded" and seen[-1] == final and final.progress == 1.0
    running = [j.progress for j in seen if j.status == "running"]
    assert any(0 < p < 1 for p in running), [(j.status, j.progress) for j in seen]
    assert len({(j.status, j.progress, j.message) for j in seen}) == len(seen), "repeated reports"
    info = sdk.model_info("sdk-cb")
    assert info.dataset and info.dataset.filename == "pro_matches.csv"
    assert info.dataset.n_matches == 1500 and info.hyperparameters["depth"] == 4
    assert sdk.activate("sdk-cb").is_active and sdk.active_model_id() == "sdk-cb"
    assert sdk.predict(RADIANT, DIRE).model_id == "sdk-cb"
    assert sdk.predict(RADIANT, DIRE, model_id=default_model_id).model_id == default_model_id
    assert sdk.activate(default_model_id).is_active


def test_train_from_a_pandas_frame(sdk: DotaPredict, real_matches: pl.DataFrame) -> None:
    frame = real_matches.tail(600).to_pandas()
    info = sdk.train("logistic_regression", {"C": 0.1}, data=frame, model_id="sdk-pandas")
    assert info.status == "ready" and not info.is_active
    assert info.dataset and info.dataset.n_matches == 600


def test_wait_timeout_not_ready_and_cancel(sdk: DotaPredict) -> None:
    accepted = sdk.fit("catboost", {"iterations": 5000, "depth": 8}, model_id="sdk-slow")
    with pytest.raises(TimeoutError, match=accepted.job_id) as late:
        sdk.wait_for_job(accepted.job_id, timeout=0.3, poll_interval=0.05)
    assert isinstance(late.value, JobTimeout) and late.value.job_id == accepted.job_id
    with pytest.raises(Conflict) as not_ready:
        sdk.activate("sdk-slow")
    assert not_ready.value.error == "model_not_ready"
    assert sdk.cancel(accepted.job_id).status == "cancelled"
    with pytest.raises(JobFailed) as failed:
        sdk.wait_for_job(accepted.job_id)
    assert failed.value.job.status == "cancelled" and "cancelled" in str(failed.value)
    with pytest.raises(Conflict, match="already cancelled"):
        sdk.cancel(accepted.job_id)


def test_unknown_ids_raise_not_found_with_the_server_message(sdk: DotaPredict) -> None:
    with pytest.raises(NotFound) as caught:
        sdk.model_info("no-such-model")
    error = caught.value
    assert (error.status_code, error.error, error.field) == (404, "model_not_found", "model_id")
    assert error.message == "no model with model_id 'no-such-model'"
    assert str(error).startswith("404 model_not_found: no model with model_id 'no-such-model'")
    for call in (
        lambda: sdk.predict(RADIANT, DIRE, model_id="no-such-model"),
        lambda: sdk.activate("no-such-model"),
        lambda: sdk.account_ids(model_id="no-such-model"),
        lambda: sdk.predict_csv(b"match_id\n1\n", model_id="no-such-model"),
        lambda: sdk.latest_job("no-such-model"),
        lambda: sdk.job("job-nope"),
        lambda: sdk.cancel("job-nope"),
    ):
        with pytest.raises(NotFound):
            call()


def test_invalid_input_names_the_field_column_or_row(
    sdk: DotaPredict, default_model_id: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        sdk.fit("catboost", {"depth": 99})
    assert caught.value.status_code == 400 and caught.value.field == "hyperparameters.depth"
    assert "depth" in caught.value.message
    with pytest.raises(InvalidInput) as caught:
        sdk.fit("xgboost")  # type: ignore[arg-type]  # the Literal catches it before the server
    assert caught.value.field == "model_type" and "catboost" in (caught.value.allowed or [])
    with pytest.raises(InvalidInput, match="model_id"):
        sdk.fit(model_id="bad id!")
    with pytest.raises(Conflict) as taken:
        sdk.fit(model_id=default_model_id)
    assert (taken.value.status_code, taken.value.error) == (409, "model_id_taken")
    with pytest.raises(InvalidInput) as caught:
        sdk.predict(RADIANT[:4], DIRE)
    assert caught.value.field == "radiant"
    with pytest.raises(InvalidInput, match="Not A Hero"):
        sdk.predict(["Not A Hero", *RADIANT[1:]], DIRE)
    header = ",".join(
        ["match_id", *(f"{s}_hero_{i}" for s in ("radiant", "dire") for i in range(1, 6))]
    )
    bad = f"{header}\n1,1,2,3,4,5,6,7,8,9,10\n2,1,2,3,4,5,6,7,8,9,999\n".encode()
    with pytest.raises(InvalidInput) as caught:
        sdk.predict_csv(bad)
    assert (caught.value.column, caught.value.row) == ("dire_hero_5", 2)
    assert "column=dire_hero_5" in str(caught.value) and "row=2" in str(caught.value)
    with pytest.raises(InvalidInput, match="empty"):
        sdk.predict_csv(b"  \n")


def test_closed_port_raises_service_unavailable() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with DotaPredict(url, timeout=5) as client, pytest.raises(ServiceUnavailable) as caught:
        client.health()
    assert caught.value.status_code == 0
    assert str(caught.value).startswith(f"unreachable: cannot reach the service at {url}")
    assert isinstance(caught.value, ApiError)


def test_base_url_and_api_key_from_the_environment(
    service: LiveService, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOTA_PREDICT_URL", service.base_url + "/")
    monkeypatch.setenv("DOTA_PREDICT_API_KEY", "anything")
    with DotaPredict() as client:
        assert client.base_url == service.base_url and client.health().status == "ok"
    monkeypatch.delenv("DOTA_PREDICT_URL")
    assert DotaPredict().base_url == "http://127.0.0.1:8000"


def _start_api_only(live: LiveService) -> None:
    """The API process alone; any HTTP answer means it is up (GET / may itself need the key)."""
    import sys

    import httpx

    from backend.db.migrate import upgrade_to_head

    upgrade_to_head(live.database_url)
    command = ["-m", "uvicorn", "backend.app:create_app", "--factory", "--port", str(live.port)]
    live.api = live._spawn([sys.executable, *command], "api")

    def answers() -> bool:
        assert live.api is not None and live.api.poll() is None, live.logs()
        try:
            return httpx.get(live.base_url + "/", timeout=2).status_code > 0
        except httpx.TransportError:
            return False

    poll_until(answers, timeout=60, interval=0.1)


def test_api_key_and_queue_down(redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    """An API with APP_API_KEY set and no reachable queue: 401 without the key, 503 on fit."""
    live = LiveService(
        workdir=tmp_path_factory.mktemp("keyed"),
        redis_url=f"redis://127.0.0.1:{free_port()}/0",  # nothing listens: the queue is down
        extra_env={"APP_API_KEY": "s3cret", "APP_BOOTSTRAP_DEFAULT_MODEL": "false"},
    )
    _start_api_only(live)
    try:
        with DotaPredict(live.base_url, api_key="") as anonymous:
            with pytest.raises(Unauthorized) as caught:
                anonymous.model_types()
            assert caught.value.status_code == 401 and "X-API-Key" in caught.value.message
        with DotaPredict(live.base_url, api_key="s3cret") as keyed:
            assert keyed.model_types()
            assert keyed.health().components.queue == "unavailable"
            with pytest.raises(ServiceUnavailable) as down:
                keyed.fit()
            assert down.value.status_code == 503 and "queue" in down.value.message
            with pytest.raises(Conflict, match="no model is active"):
                keyed.predict(RADIANT, DIRE)
    finally:
        live.stop()
