"""Dataset methods of both clients against the live service; train() waits per the server."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import polars as pl
import pytest

from dota_predict_sdk import AsyncDotaPredict, Conflict, DotaPredict, InvalidInput, NotFound
from tests.conftest import csv_bytes
from tests.support.live_service import LiveService

pytestmark = pytest.mark.slow


def test_upload_list_info_and_fit_by_dataset_id(
    sdk: DotaPredict, training_csv_path: Path, real_matches: pl.DataFrame
) -> None:
    stored = sdk.upload_dataset(training_csv_path)  # a path: its file name is kept
    assert stored.filename == training_csv_path.name and stored.trainable
    assert stored.dataset_id in {d.dataset_id for d in sdk.datasets()}
    assert sdk.dataset_info(stored.dataset_id).n_matches == stored.n_matches
    pairs = sdk.hero_pairs(stored.dataset_id, top=5, min_games=1)
    assert len(pairs.hero_names) == 5 and len(pairs.against[0]) == 5
    player = stored.top_players[0]
    record = sdk.player_record(stored.dataset_id, player.account_id)
    assert record.matches == player.matches
    info = sdk.train(dataset_id=stored.dataset_id, model_id="sdk-by-dataset")
    assert info.dataset and info.dataset.filename == training_csv_path.name
    with pytest.raises(NotFound) as missing:
        sdk.fit(dataset_id="ds-unknown")
    assert missing.value.field == "dataset_id" and missing.value.error == "dataset_not_found"
    with pytest.raises(InvalidInput) as bad:
        sdk.upload_dataset(b"match_id,foo\n1,2\n")
    assert bad.value.error == "invalid_csv"
    sample = pl.read_csv(io.BytesIO(sdk.sample_csv()))
    assert sample.height == real_matches.height


def test_the_default_wait_is_the_servers_time_limit(sdk: DotaPredict) -> None:
    limit = sdk.limits().job_time_limit_seconds
    assert limit == 1800
    assert sdk._default_wait() == limit + 120  # not the old fixed 600 s


def test_async_dataset_methods(service: LiveService, real_matches: pl.DataFrame) -> None:
    async def scenario() -> None:
        async with AsyncDotaPredict(service.base_url) as sdk:
            upload = io.BytesIO(csv_bytes(real_matches.head(120)))
            upload.name = "async upload.csv"
            stored = await sdk.upload_dataset(upload)
            listed, info, limits = await asyncio.gather(
                sdk.datasets(), sdk.dataset_info(stored.dataset_id), sdk.limits()
            )
            assert ("async upload.csv", 120) in {(d.filename, d.n_matches) for d in listed}
            assert info.n_matches == 120 and limits.max_upload_mb == 50
            assert await sdk._default_wait() == limits.job_time_limit_seconds + 120

    asyncio.run(scenario())


def test_rename_and_delete_a_dataset_both_clients(
    sdk: DotaPredict, service: LiveService, real_matches: pl.DataFrame
) -> None:
    unused = sdk.upload_dataset(csv_bytes(real_matches.head(90)))
    renamed = sdk.rename_dataset(unused.dataset_id, "  spring scrims.csv ")
    assert renamed.filename == "spring scrims.csv"  # trimmed
    assert ("spring scrims.csv", 90) in {(d.filename, d.n_matches) for d in sdk.datasets()}
    for bad in ("", "a\x00b", "x" * 256):
        with pytest.raises(InvalidInput) as refused:
            sdk.rename_dataset(unused.dataset_id, bad)
        assert refused.value.field == "filename"
    for builtin in (
        lambda: sdk.delete_dataset("default"),
        lambda: sdk.rename_dataset("default", "x"),
    ):
        with pytest.raises(Conflict) as kept:
            builtin()
        assert kept.value.error == "dataset_builtin"

    used = sdk.upload_dataset(csv_bytes(real_matches.tail(200)))
    model = sdk.train("logistic_regression", dataset_id=used.dataset_id, model_id="sdk-ds-user")
    with pytest.raises(Conflict) as in_use:
        sdk.delete_dataset(used.dataset_id)
    assert in_use.value.error == "dataset_in_use" and model.model_id in in_use.value.message
    sdk.delete_model(model.model_id)
    with pytest.raises(Conflict) as history:  # the training job is kept, and names the data
        sdk.delete_dataset(used.dataset_id)
    assert "1 training job" in history.value.message
    assert used.dataset_id in {d.dataset_id for d in sdk.datasets()}  # nothing lost

    async def delete_async() -> None:
        async with AsyncDotaPredict(service.base_url) as client:
            gone = await client.delete_dataset(unused.dataset_id)
            assert gone.deleted and gone.dataset_id == unused.dataset_id
            with pytest.raises(NotFound):
                await client.delete_dataset(unused.dataset_id)

    asyncio.run(delete_async())
    assert unused.dataset_id not in {d.dataset_id for d in sdk.datasets()}
    again = sdk.upload_dataset(csv_bytes(real_matches.head(90)))  # the same bytes: stored anew
    assert again.dataset_id == unused.dataset_id and again.filename == "matches.csv"


def test_upload_with_a_format_and_mapping(sdk: DotaPredict, real_matches: pl.DataFrame) -> None:
    few = real_matches.tail(60)
    lines = ["match_id,victor_team,radiant_team,dire_team"]
    for m in few.iter_rows(named=True):
        teams = [
            "-".join(str(m[f"{s}_hero_{i}"]) for i in range(1, 6)) for s in ("radiant", "dire")
        ]
        lines.append(
            f"{m['match_id']},{'Radiant' if m['radiant_win'] else 'Dire'},{teams[0]},{teams[1]}"
        )
    data = ("\n".join(lines) + "\n").encode()
    mapping = {
        "columns": {
            "match_id": "match_id",
            "radiant_win": "victor_team",
            "radiant_heroes": "radiant_team",
            "dire_heroes": "dire_team",
        },
        "labels": {"Radiant": "radiant", "Dire": "dire"},
    }
    preview = sdk.preview_dataset(data)
    assert preview.format_ == "table" and preview.problems == []
    assert preview.mapping is not None and preview.mapping.to_dict() == {
        **mapping,
        "labels": {"radiant": "radiant", "dire": "dire"},
    }
    assert preview.n_matches == 60 and len(preview.rows) == 20
    stored = sdk.upload_dataset(data, format="table", mapping=mapping)
    assert stored.import_format == "table" and stored.n_matches == 60
    assert stored.radiant_win_rate == pytest.approx(few["radiant_win"].mean())
    with pytest.raises(InvalidInput) as bad:
        sdk.upload_dataset(data, mapping={"columns": {"match_id": "nope"}})
    assert bad.value.field == "mapping" and bad.value.column == "nope"
