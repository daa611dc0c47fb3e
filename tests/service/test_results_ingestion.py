"""POST /api/v1/data/results: idempotent, walk-forward, restart-proof, seen by every API process."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import polars as pl
import pytest

from tests.service.results_support import (
    csv_bytes,
    ingest,
    model_updated,
    probabilities,
    train,
)
from tests.support.live_service import LiveService, poll_until, stop_process

MODEL = "ingest-lr"


@pytest.fixture(scope="module")
def training(ordered: pl.DataFrame) -> pl.DataFrame:
    return ordered.slice(ordered.height - 2700, 1200)


@pytest.fixture(scope="module")
def probe(later: pl.DataFrame) -> pl.DataFrame:
    """Matches predicted to see a model change; their results are never posted here."""
    return later.slice(1300, 200)


@pytest.fixture(scope="module")
def service(
    redis_url: str, tmp_path_factory: pytest.TempPathFactory, training: pl.DataFrame
) -> Iterator[LiveService]:
    live = LiveService(
        workdir=tmp_path_factory.mktemp("ingest"),
        redis_url=redis_url,
        extra_env={"APP_BOOTSTRAP_DEFAULT_MODEL": "false"},
    ).start()
    train(live, training, MODEL)
    yield live
    live.stop()


@pytest.fixture
def client(service: LiveService) -> Iterator[httpx.Client]:
    with service.client() as http:
        yield http


def _info(client: httpx.Client) -> dict[str, Any]:
    response = client.get("/api/v1/models/model_info", params={"model_id": MODEL})
    assert response.status_code == 200, response.text
    info: dict[str, Any] = response.json()
    return info


def _position(row: dict[str, Any]) -> tuple[int, int]:
    return (row["start_time"], row["match_id"])


def _older_than_training(frame: pl.DataFrame, training: pl.DataFrame) -> int:
    end = max(_position(r) for r in training.select("start_time", "match_id").iter_rows(named=True))
    return sum(
        _position(r) <= end for r in frame.select("start_time", "match_id").iter_rows(named=True)
    )


def test_results_roll_the_model_forward_once(
    client: httpx.Client, training: pl.DataFrame, later: pl.DataFrame, probe: pl.DataFrame
) -> None:
    info = _info(client)
    assert info["results_applied"] == 0
    last = training.sort(["start_time", "match_id"]).tail(1)
    assert info["ratings_as_of"]["match_id"] == last["match_id"][0]
    before = probabilities(client, probe, MODEL)

    batch = later.slice(0, 300)
    first = ingest(client, batch)
    assert first.status_code == 200, first.text
    body = first.json()
    assert (body["ingested"], body["duplicates"]) == (300, 0)
    older = _older_than_training(batch, training)
    entry = model_updated(body, MODEL)
    assert entry["skipped_older"] == older
    assert entry["results_applied"] == 300 - older
    newest = batch.sort(["start_time", "match_id"]).tail(1)["match_id"][0]
    assert entry["ratings_as_of"]["match_id"] == newest
    after = probabilities(client, probe, MODEL)
    assert sum(abs(a - b) > 1e-9 for a, b in zip(after, before, strict=True)) > 50

    again = ingest(client, batch).json()
    assert (again["ingested"], again["duplicates"]) == (0, 300)
    assert model_updated(again, MODEL)["results_applied"] == 300 - older
    assert probabilities(client, probe, MODEL) == after
    info = _info(client)
    assert info["results_applied"] == 300 - older
    assert info["ratings_as_of"]["match_id"] == newest


def test_matches_from_before_the_training_end_are_counted_not_applied(
    client: httpx.Client, training: pl.DataFrame, probe: pl.DataFrame
) -> None:
    applied = _info(client)["results_applied"]
    before = probabilities(client, probe, MODEL)
    body = ingest(client, training.head(50)).json()
    assert body["ingested"] == 50
    entry = model_updated(body, MODEL)
    assert entry["skipped_older"] == 50
    assert entry["results_applied"] == applied
    assert probabilities(client, probe, MODEL) == before


def _draft(player: int) -> dict[str, Any]:
    radiant = [{"hero_id": h} for h in (11, 12, 13, 14, 15)]
    radiant[0]["account_id"] = player
    return {
        "radiant": radiant,
        "dire": [{"hero_id": h} for h in (16, 17, 18, 19, 20)],
        "model_id": MODEL,
    }


def test_a_player_who_keeps_winning_moves_his_team_up(
    client: httpx.Client, training: pl.DataFrame, later: pl.DataFrame
) -> None:
    accounts = pl.concat([training[c] for c in training.columns if "account_id" in c]).drop_nulls()
    player = int(accounts.mode().sort()[0])
    start = max(later["start_time"].to_list()) + 3600
    wins = pl.DataFrame(
        {
            "match_id": [9_000_000_000 + i for i in range(10)],
            "start_time": [start + 3600 * i for i in range(10)],
            "radiant_win": [True] * 10,
            **{f"radiant_hero_{i}": [i] * 10 for i in range(1, 6)},
            **{f"dire_hero_{i}": [5 + i] * 10 for i in range(1, 6)},
            "radiant_account_id_1": [player] * 10,
        }
    )

    def edge() -> float:
        """How much this player adds to his team (time also moves the decayed hero stats)."""
        anonymous = _draft(player)
        del anonymous["radiant"][0]["account_id"]
        with_him = client.post("/api/v1/models/predict", json=_draft(player)).json()
        without = client.post("/api/v1/models/predict", json=anonymous).json()
        return float(with_him["radiant_win_probability"] - without["radiant_win_probability"])

    before = edge()
    body = ingest(client, wins).json()
    assert body["ingested"] == 10 and model_updated(body, MODEL)["skipped_older"] == 0
    assert edge() > before + 0.005


def test_a_bad_results_file_is_rejected_whole_and_changes_nothing(
    client: httpx.Client, later: pl.DataFrame, probe: pl.DataFrame
) -> None:
    applied = _info(client)["results_applied"]
    before = probabilities(client, probe, MODEL)
    batch = later.slice(300, 20)

    unlabelled = ingest(client, batch.drop("radiant_win"))
    assert unlabelled.status_code == 400, unlabelled.text
    assert unlabelled.json()["error"] == "invalid_csv"
    assert "radiant_win" in unlabelled.json()["message"]

    broken = batch.with_columns(
        pl.when(pl.int_range(pl.len()) == 2)
        .then(pl.lit(999, pl.Int16))
        .otherwise(pl.col("dire_hero_3"))
        .alias("dire_hero_3")
    )
    bad_hero = ingest(client, broken)
    assert bad_hero.status_code == 400, bad_hero.text
    assert (bad_hero.json()["column"], bad_hero.json()["row"]) == ("dire_hero_3", 3)

    assert ingest(client, b"   \n").json()["error"] == "empty_file"
    not_multipart = client.post("/api/v1/data/results", json={"file": "x"})
    assert 400 <= not_multipart.status_code < 500

    assert _info(client)["results_applied"] == applied
    assert probabilities(client, probe, MODEL) == before
    stored = ingest(client, csv_bytes(batch)).json()
    assert (stored["ingested"], stored["duplicates"]) == (20, 0)  # none was kept by a failure


def test_a_second_api_process_serves_new_results(
    service: LiveService, client: httpx.Client, later: pl.DataFrame, probe: pl.DataFrame
) -> None:
    second = LiveService(
        workdir=service.workdir,
        redis_url=service.redis_url,
        database=service.database_url,
        extra_env=service.extra_env,
    )
    second.start_api()
    try:
        with second.client() as other:
            stale = probabilities(other, probe, MODEL)  # loads the model in that process
            assert stale == probabilities(client, probe, MODEL)
            assert ingest(client, later.slice(400, 200)).json()["ingested"] == 200
            served_here = probabilities(client, probe, MODEL)
            assert served_here != stale
            posted = time.monotonic()
            # The 2 s target is measured, not asserted here (speed lives in benchmarks; this
            # shared machine varies): the deadline only bounds the wait for the behaviour.
            poll_until(lambda: probabilities(other, probe, MODEL) == served_here, timeout=15.0)
            print(
                f"second API process served the new results after {time.monotonic() - posted:.2f} s"
            )
            info = other.get("/api/v1/models/model_info", params={"model_id": MODEL}).json()
            assert info["results_applied"] == _info(client)["results_applied"]
    finally:
        stop_process(second.api)


def test_ingested_results_survive_an_api_restart(
    service: LiveService, later: pl.DataFrame, probe: pl.DataFrame
) -> None:
    with service.client() as client:
        ingest(client, later.slice(620, 100))
        before = probabilities(client, probe, MODEL)
        info = _info(client)
    stop_process(service.api)
    service.start_api()
    with service.client() as client:
        assert probabilities(client, probe, MODEL) == before
        again = _info(client)
        assert (again["results_applied"], again["ratings_as_of"]) == (
            info["results_applied"],
            info["ratings_as_of"],
        )
