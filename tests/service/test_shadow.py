"""Shadow challengers against live services: the set, its effects, and the paired live record."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import httpx
import numpy as np
import polars as pl
import pytest
from sklearn.metrics import log_loss, roc_auc_score

from backend.db.engine import make_engine, make_session_factory
from backend.db.tables import ModelArtifact
from backend.ledger.store import LedgerEntry
from backend.ml import TrainedModel
from backend.ml.paired import paired_comparison
from tests.service.results_support import ingest, predict_csv, train
from tests.support.ledger import ledger_entries
from tests.support.live_service import LiveService, poll_until, stop_process

CHAMPION = "champion-lr"
SHADOW = "shadow-lr"
SPARE = "spare-lr"


@pytest.fixture(scope="module")
def service(
    redis_url: str, tmp_path_factory: pytest.TempPathFactory, ordered: pl.DataFrame
) -> Iterator[LiveService]:
    live = LiveService(
        workdir=tmp_path_factory.mktemp("shadow"),
        redis_url=redis_url,
        extra_env={"APP_BOOTSTRAP_DEFAULT_MODEL": "false"},
    ).start()
    end = ordered.height - 1500  # every training slice ends before the matches predicted
    train(live, ordered.slice(end - 1200, 1200), CHAMPION)
    train(live, ordered.slice(end - 2000, 1600), SHADOW)
    train(live, ordered.slice(end - 800, 800), SPARE)
    with live.client() as client:
        assert client.put("/api/v1/models/activate", json={"model_id": CHAMPION}).is_success
    yield live
    live.stop()


@pytest.fixture
def client(service: LiveService) -> Iterator[httpx.Client]:
    with service.client() as http:
        yield http


def put_shadows(client: httpx.Client, model_ids: list[str]) -> httpx.Response:
    return client.put("/api/v1/models/shadow", json={"model_ids": model_ids})


def shadows(client: httpx.Client) -> list[str]:
    response = client.get("/api/v1/models/shadow")
    assert response.status_code == 200, response.text
    ids: list[str] = response.json()["model_ids"]
    return ids


def monitoring(client: httpx.Client) -> dict[str, Any]:
    response = client.get("/api/v1/models/monitoring")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def draft(match: dict[str, Any], match_id: int | None) -> dict[str, Any]:
    sides = {
        side: [
            {"hero_id": match[f"{side}_hero_{i}"], "account_id": match[f"{side}_account_id_{i}"]}
            for i in range(1, 6)
        ]
        for side in ("radiant", "dire")
    }
    return {**sides, "match_id": match_id}


def entries(service: LiveService, model_id: str, source: str) -> list[LedgerEntry]:
    found = asyncio.run(ledger_entries(service.database_url))
    return [e for e in found if e.model_id == model_id and e.source == source]


def artifact_model(service: LiveService, model_id: str) -> TrainedModel:
    """The model as stored (no results were stored when the predictions were made)."""

    async def read() -> TrainedModel:
        engine = make_engine(service.database_url)
        try:
            async with make_session_factory(engine)() as session:
                row = await session.get(ModelArtifact, model_id)
                assert row is not None
                return TrainedModel.from_bytes(row.content, row.sha256)
        finally:
            await engine.dispose()

    return asyncio.run(read())


def promote(client: httpx.Client, **form: str) -> httpx.Response:
    """POST /promote with a multipart form of text fields."""
    parts = [(k, (None, v)) for k, v in form.items()]
    return client.post("/api/v1/models/promote", files=parts)


def warm_up(service: LiveService, api: httpx.Client, match: dict[str, Any]) -> None:
    """Live drafts until this API process records shadow predictions (its shadow is loaded)."""

    def shadowed() -> bool:
        served = api.post("/api/v1/models/predict", json=draft(match, None)).json()
        process = served["prediction_id"][:16]  # the recorder's per-process id prefix
        return any(e.id.startswith(process) for e in entries(service, SHADOW, "shadow"))

    poll_until(shadowed, timeout=30, interval=0.5)


def test_the_shadow_set_is_validated_whole(client: httpx.Client) -> None:
    cases = [
        ([SHADOW, SPARE, "a", "b"], 400, "invalid_request"),
        ([SHADOW, SHADOW], 400, "invalid_request"),
        ([SHADOW, "no-such-model"], 404, "model_not_found"),
        ([CHAMPION], 409, "model_active"),
    ]
    for model_ids, status, error in cases:
        response = put_shadows(client, model_ids)
        assert response.status_code == status, (model_ids, response.text)
        assert response.json()["error"] == error and response.json()["field"] == "model_ids"
        assert shadows(client) == []  # nothing changed
    response = client.put("/api/v1/models/shadow", json={"model_ids": "shadow-lr"})
    assert response.status_code == 400
    response = put_shadows(client, [SPARE, SHADOW])
    assert response.status_code == 200, response.text
    assert response.json()["model_ids"] == [SHADOW, SPARE]
    assert response.json()["active_model_id"] == CHAMPION
    assert put_shadows(client, []).json()["model_ids"] == []


def test_champion_and_shadow_predict_the_same_requests_and_are_scored_like_offline(
    service: LiveService, client: httpx.Client, later: pl.DataFrame
) -> None:
    assert put_shadows(client, [SHADOW]).status_code == 200
    # A second API process follows the set from the database; its drafts are shadowed too.
    second = LiveService(
        workdir=service.workdir,
        redis_url=service.redis_url,
        database=service.database_url,
        extra_env=service.extra_env,
    )
    second.start_api()
    try:
        with second.client() as other:
            # Warm-up: live drafts (no match id) until each process shadows them.
            for api in (client, other):
                warm_up(service, api, later.row(0, named=True))
            # The warm-up drafts were recorded as predictions of no match; only these score.
            files = later.slice(0, 200)
            drafts = later.slice(200, 40)
            csv = predict_csv(client, files, CHAMPION)["predictions"]
            served = [
                other.post("/api/v1/models/predict", json=draft(m, int(m["match_id"]))).json()
                for m in drafts.iter_rows(named=True)
            ]
    finally:
        stop_process(second.api)
    champion_p = {p["match_id"]: p for p in csv} | {
        int(m): s for m, s in zip(drafts["match_id"], served, strict=True)
    }
    matches = pl.concat([files, drafts])
    ids = matches["match_id"].to_list()

    def shadowed() -> list[LedgerEntry] | None:
        found = [e for e in entries(service, SHADOW, "shadow") if e.match_id is not None]
        return found if len(found) == len(ids) else None

    shadow_rows = {e.match_id: e for e in poll_until(shadowed, timeout=15)}
    # The same requests: the shadow's rows carry the champion's prediction ids.
    assert {e.id for e in shadow_rows.values()} == {champion_p[m]["prediction_id"] for m in ids}
    # Offline: both artifacts (no results were stored) on the same matches.
    offline_champion = artifact_model(service, CHAMPION).predict_proba(matches)
    offline_shadow = artifact_model(service, SHADOW).predict_proba(matches)
    p_champion = np.array([champion_p[m]["radiant_win_probability"] for m in ids])
    p_shadow = np.array([shadow_rows[m].radiant_win_probability for m in ids])
    np.testing.assert_allclose(p_champion, offline_champion, rtol=0, atol=1e-9)
    np.testing.assert_allclose(p_shadow, offline_shadow, rtol=0, atol=1e-9)
    assert np.abs(p_shadow - p_champion).max() > 1e-3  # two different models

    assert ingest(client, matches).json()["ingested"] == len(ids)
    report = monitoring(client)
    assert report["model_id"] == CHAMPION and report["scored"] == len(ids)
    [shadow] = report["shadows"]
    assert shadow["model_id"] == SHADOW and shadow["scored"] == len(ids)
    # Paired in the order the results arrived: one file, so by start_time then match id.
    order = np.lexsort((matches["match_id"].to_numpy(), matches["start_time"].to_numpy()))
    y = matches["radiant_win"].cast(pl.Float64).to_numpy()[order]
    expected = paired_comparison(y, offline_champion[order], offline_shadow[order])
    vs = shadow["vs_champion"]
    assert vs["n_matches"] == len(ids)
    assert vs["log_loss_diff"] == pytest.approx(expected["log_loss_diff"], abs=1e-12)
    assert vs["log_loss_ci"] == pytest.approx(expected["log_loss_ci"], abs=1e-12)
    assert vs["roc_auc_ci"] == pytest.approx(expected["roc_auc_ci"], abs=1e-12)
    assert shadow["all"]["log_loss"] == pytest.approx(log_loss(y, offline_shadow[order]), abs=1e-9)
    assert shadow["all"]["roc_auc"] == pytest.approx(
        roc_auc_score(y, offline_shadow[order]), abs=1e-12
    )

    # Now the matches lie in the past: the shadow predicts them at their point in time, as the
    # request path serves the shadow model itself.
    again = predict_csv(client, files, CHAMPION)["predictions"]
    shadow_ids = {p["prediction_id"] for p in again}
    direct = predict_csv(client, files, SHADOW)["predictions"]

    def replayed() -> list[LedgerEntry] | None:
        found = [e for e in entries(service, SHADOW, "shadow") if e.id in shadow_ids]
        return found if len(found) == files.height else None

    by_match = {e.match_id: e.radiant_win_probability for e in poll_until(replayed, timeout=15)}
    np.testing.assert_allclose(
        [by_match[p["match_id"]] for p in direct],
        [p["radiant_win_probability"] for p in direct],
        rtol=0,
        atol=1e-12,
    )

    # Promotion on the live record: by the same rule, with mode shadow_live and n.
    response = promote(client, model_id=SHADOW, evidence="shadow")
    assert response.status_code == 200, response.text
    body = response.json()
    evidence = body["evidence"]
    assert evidence["mode"] == "shadow_live" and evidence["n_compared"] == len(ids)
    assert evidence["vs_active"]["log_loss_ci"] == pytest.approx(expected["log_loss_ci"])
    assert body["promoted"] == (expected["log_loss_ci"][1] < 0)


def test_promote_on_live_evidence_needs_a_record_and_one_kind_of_evidence(
    client: httpx.Client,
) -> None:
    active = client.get("/").json()["active_model_id"]
    other = SPARE if active != SPARE else CHAMPION
    response = promote(client, model_id=other, evidence="x")
    assert response.status_code == 400 and response.json()["field"] == "evidence"
    response = promote(client, model_id=other, evidence="shadow", evaluation_id="eval-1")
    assert response.status_code == 400 and response.json()["field"] == "evidence"
    body = promote(client, model_id=other, evidence="shadow").json()
    assert body["promoted"] is False and "scored matches in common" in body["reason"]
    assert body["evidence"]["n_compared"] == 0
    assert client.get("/").json()["active_model_id"] == active


def test_activating_or_deleting_a_shadow_takes_it_out_of_the_set(client: httpx.Client) -> None:
    active = client.get("/").json()["active_model_id"]
    others = sorted({CHAMPION, SHADOW, SPARE} - {active})
    assert put_shadows(client, others).status_code == 200
    assert client.put("/api/v1/models/activate", json={"model_id": others[0]}).is_success
    assert shadows(client) == [others[1]]
    assert client.put("/api/v1/models/activate", json={"model_id": active}).is_success
    assert client.delete("/api/v1/models/delete", params={"model_id": others[1]}).is_success
    assert shadows(client) == []
