"""/predict by model_id of a model that is not active, over HTTP in two API processes.

A live worker and two API processes on one SQLite file: a model asked for by id gives exactly
the probabilities it gives as the active model (after activation switches, with and without
account ids, at a past match's point in time, after results roll it forward), in either
process; a deleted model is a 404 at once in the process that deleted it and, after that
process's poll, in the other one.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

import httpx
import polars as pl
import pytest

from tests.service.results_support import ingest, probabilities, train
from tests.support.live_service import LiveService, poll_until, stop_process

pytestmark = pytest.mark.slow
A, B, C = "byid-a", "byid-b", "byid-c"


@pytest.fixture(scope="module")
def services(
    redis_url: str, tmp_path_factory: pytest.TempPathFactory, ordered: pl.DataFrame
) -> Iterator[tuple[LiveService, LiveService]]:
    """Worker + API, a second API on the same database; three LR models on older matches."""
    first = LiveService(
        workdir=tmp_path_factory.mktemp("byid"),
        redis_url=redis_url,
        extra_env={"APP_BOOTSTRAP_DEFAULT_MODEL": "false"},
    ).start()
    second = LiveService(
        workdir=first.workdir,
        redis_url=redis_url,
        database=first.database_url,
        extra_env=first.extra_env,
    )
    try:
        older = ordered.slice(ordered.height - 2700, 1200)
        train(first, older, A)
        train(first, older.tail(800), B)  # another model: other probabilities
        train(first, older.tail(600), C)
        second.start_api()
        yield first, second
    finally:
        stop_process(second.api)
        first.stop()


def _draft(row: dict[str, Any], accounts: bool = True, match_id: bool = False) -> dict[str, Any]:
    draft: dict[str, Any] = {
        side: [
            {"hero_id": row[f"{side}_hero_{i}"]}
            | ({"account_id": row[f"{side}_account_id_{i}"]} if accounts else {})
            for i in range(1, 6)
        ]
        for side in ("radiant", "dire")
    }
    return draft | ({"match_id": row["match_id"]} if match_id else {})


def _predict(client: httpx.Client, draft: dict[str, Any], model_id: str | None) -> float:
    body = draft | ({"model_id": model_id} if model_id else {})
    response = client.post("/api/v1/models/predict", json=body)
    assert response.status_code == 200, response.text
    assert response.json()["model_id"] == (model_id or response.json()["model_id"])
    probability: float = response.json()["radiant_win_probability"]
    return probability


def _activate(clients: list[httpx.Client], model_id: str, draft: dict[str, Any]) -> None:
    """Activate through the first process; wait until every process serves it by default."""
    response = clients[0].put("/api/v1/models/activate", json={"model_id": model_id})
    assert response.status_code == 200, response.text

    def served(client: httpx.Client) -> bool:
        r = client.post("/api/v1/models/predict", json=draft)
        return bool(r.status_code == 200 and r.json()["model_id"] == model_id)

    for client in clients:
        poll_until(functools.partial(served, client), timeout=30, interval=0.1)


def _same_in_both(clients: list[httpx.Client], draft: dict[str, Any], model_id: str) -> bool:
    return _predict(clients[0], draft, model_id) == _predict(clients[1], draft, model_id)


Key = tuple[int, bool, bool]  # (row, with account ids, with match_id)


def test_by_id_equals_active_in_both_processes_across_switches_and_results(
    services: tuple[LiveService, LiveService], later: pl.DataFrame
) -> None:
    rows = {i: later.row(i, named=True) for i in (100, 400, 1300)}
    posted = later.slice(0, 900)  # rows 100's and 400's results; row 1300 stays in the future
    drafts: dict[Key, dict[str, Any]] = {
        (i, accounts, at): _draft(row, accounts, at)
        for i, row in rows.items()
        for accounts in (True, False)
        for at in (False, True)
    }
    with services[0].client() as one, services[1].client() as two:
        clients = [one, two]

        def served(model_id: str, by_id: bool) -> dict[Key, list[float]]:
            """Each draft's probability from each process, twice (the first may load)."""
            name = model_id if by_id else None
            return {
                key: [_predict(c, d, name) for c in clients for _ in (0, 1)]
                for key, d in drafts.items()
            }

        phases: dict[str, tuple[dict[Key, list[float]], ...]] = {}
        for phase in ("before results", "after results"):
            _activate(clients, A, drafts[1300, True, False])
            a_active, b_by_id = served(A, by_id=False), served(B, by_id=True)
            _activate(clients, B, drafts[1300, True, False])
            b_active, a_by_id = served(B, by_id=False), served(A, by_id=True)
            for key in drafts:
                for got, want in ((a_by_id, a_active), (b_by_id, b_active)):
                    # Exact, in both processes, at every request.
                    assert got[key] == [want[key][0]] * 4, (phase, key)
                    assert want[key] == [want[key][0]] * 4, (phase, key)
                assert a_active[key] != b_active[key]
            phases[phase] = (a_active, b_active)
            if phase == "before results":
                assert ingest(one, posted).json()["ingested"] == posted.height
                # The second process rolls forward in the background: wait until it serves
                # what the first one (which rolled forward before answering) serves.
                for model_id in (A, B):
                    poll_until(
                        functools.partial(
                            _same_in_both, clients, drafts[1300, True, False], model_id
                        ),
                        30,
                        0.1,
                    )
        for model_id, before, after in zip((A, B), *phases.values(), strict=True):
            # Rows 100 and 400 at their match ids, their results stored: the state just before
            # each match, as predict_csv serves the match itself; drafts without one moved on.
            for i in (100, 400):
                (csv,) = probabilities(one, later.slice(i, 1), model_id)
                for accounts in (True, False):
                    if accounts:
                        assert after[i, accounts, True][0] == pytest.approx(csv, abs=1e-9)
                    assert after[i, accounts, True][0] != after[i, accounts, False][0]
            for key in ((1300, True, False), (1300, True, True), (100, True, False)):
                assert after[key][0] != before[key][0], key


def test_a_deleted_model_is_a_404_here_at_once_and_in_the_other_process_after_its_poll(
    services: tuple[LiveService, LiveService], later: pl.DataFrame
) -> None:
    draft = _draft(later.row(1300, named=True))
    with services[0].client() as one, services[1].client() as two:
        active = one.get("/").json()["active_model_id"]
        assert active not in (None, C)
        for client in (one, two):
            for _ in range(3):  # the first request reads the database, the others do not
                _predict(client, draft, C)
        deleted = one.delete("/api/v1/models/delete", params={"model_id": C})
        assert deleted.status_code == 200, deleted.text
        gone = one.post("/api/v1/models/predict", json=draft | {"model_id": C})
        assert gone.status_code == 404 and gone.json()["error"] == "model_not_found"
        assert gone.json()["field"] == "model_id"

        def answered_404() -> bool:
            r = two.post("/api/v1/models/predict", json=draft | {"model_id": C})
            assert r.status_code in (200, 404), r.text
            return r.status_code == 404 and r.json() == gone.json()

        poll_until(answered_404, timeout=10, interval=0.05)
        # Still a 404 (never served again), and other models are unaffected.
        for client in (one, two):
            r = client.post("/api/v1/models/predict", json=draft | {"model_id": C})
            assert r.status_code == 404
            _predict(client, draft, A)
