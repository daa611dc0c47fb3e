"""The registry through both SDK clients: notes (description, tags) and search, export then
import, and the list of stored evaluations and backtests."""

from __future__ import annotations

import asyncio
import io

import httpx
import polars as pl
import pytest

from dota_predict_sdk import AsyncDotaPredict, Conflict, DotaPredict, InvalidInput, NotFound
from tests.sdk.conftest import DIRE, RADIANT
from tests.support.live_service import LiveService


def test_notes_are_set_kept_cleared_and_searched(sdk: DotaPredict, default_model_id: str) -> None:
    info = sdk.set_model_metadata(
        default_model_id, description="Bundled pro matches\n2020-21", tags=["Pro", "pro", "lr"]
    )
    assert info.description == "Bundled pro matches\n2020-21"
    assert info.tags == ["Pro", "lr"]  # one per case-insensitive spelling, the first kept
    # A field left out keeps its value.
    kept = sdk.set_model_metadata(default_model_id, tags=["Pro", "lr", "baseline"])
    assert kept.description == "Bundled pro matches\n2020-21"
    assert sdk.model_info(default_model_id).tags == ["Pro", "lr", "baseline"]

    def ids(**filters: object) -> set[str]:
        return {m.model_id for m in sdk.list_models(**filters)}  # type: ignore[arg-type]

    assert default_model_id in ids(tags=["PRO"])
    assert default_model_id in ids(tags=["pro", "baseline"])
    assert default_model_id not in ids(tags=["pro", "not-a-tag"])
    assert default_model_id in ids(text="2020-21")
    assert default_model_id in ids(text="BASELINE", status="ready")
    assert default_model_id not in ids(status="failed")
    assert ids(text="no model says this") == set()
    listed = next(m for m in sdk.list_models() if m.model_id == default_model_id)
    assert listed.tags == ["Pro", "lr", "baseline"]
    # An empty description clears it; empty tags clear them.
    cleared = sdk.set_model_metadata(default_model_id, description="", tags=[])
    assert cleared.description is None and cleared.tags == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"tags": ["has,comma"]}, "tags"),
        ({"tags": ["-leading-dash"]}, "tags"),
        ({"tags": ["x" * 41]}, "tags"),
        ({"tags": [f"t{i}" for i in range(21)]}, "tags"),
        ({"tags": "pro"}, "tags"),
        ({"description": "bell\x07"}, "description"),
        ({"description": "x" * 2001}, "description"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_notes_are_a_400_naming_the_field_and_change_nothing(
    service: LiveService, default_model_id: str, body: dict[str, object], field: str
) -> None:
    before = httpx.get(
        service.base_url + "/api/v1/models/model_info", params={"model_id": default_model_id}
    ).json()
    response = httpx.put(
        service.base_url + "/api/v1/models/metadata", json={"model_id": default_model_id, **body}
    )
    assert response.status_code == 400, response.text
    assert field in response.text
    after = httpx.get(
        service.base_url + "/api/v1/models/model_info", params={"model_id": default_model_id}
    ).json()
    assert (after["description"], after["tags"]) == (before["description"], before["tags"])


def test_unknown_model_and_bad_filters(sdk: DotaPredict, service: LiveService) -> None:
    with pytest.raises(NotFound):
        sdk.set_model_metadata("no-such-model", description="x")
    with pytest.raises(TypeError):
        sdk.list_models(tags="pro")  # a single string would be split into letters
    listing = service.base_url + "/api/v1/models/list"
    bad_status = httpx.get(listing, params={"status": "sleeping"})
    assert bad_status.status_code == 400 and "status" in bad_status.text
    too_many = httpx.get(listing, params=[("tag", f"t{i}") for i in range(21)])
    assert too_many.status_code == 400 and "tag" in too_many.text
    bad_limit = httpx.get(service.base_url + "/api/v1/models/evaluations", params={"limit": 0})
    assert bad_limit.status_code == 400 and "limit" in bad_limit.text


def test_export_then_import_predicts_the_same(
    sdk: DotaPredict, default_model_id: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    bundle = sdk.export_model(default_model_id)
    assert bundle[:2] == b"PK"
    path = tmp_path_factory.mktemp("export") / "default.zip"
    path.write_bytes(bundle)
    imported = sdk.import_model(path, model_id="sdk-imported")
    try:
        assert imported.model_id == "sdk-imported" and not imported.is_active
        assert imported.model_type == sdk.model_info(default_model_id).model_type
        ours = sdk.predict(RADIANT, DIRE, model_id="sdk-imported").radiant_win_probability
        theirs = sdk.predict(RADIANT, DIRE).radiant_win_probability
        assert ours == pytest.approx(theirs, abs=1e-12)
        with pytest.raises(Conflict):
            sdk.import_model(bundle, model_id="sdk-imported")
        with pytest.raises(InvalidInput) as bad:
            sdk.import_model(b"not a zip", model_id="sdk-imported-2")
        assert bad.value.field == "file"
        with pytest.raises(NotFound) as missing:  # kept beside the model, never exported
            sdk.holdout_predictions("sdk-imported")
        assert missing.value.error == "holdout_not_stored"
    finally:
        sdk.delete_model("sdk-imported")


def test_holdout_predictions_are_the_rows_the_metrics_score(
    sdk: DotaPredict, default_model_id: str
) -> None:
    from sklearn.metrics import log_loss, roc_auc_score

    rows = pl.read_csv(io.BytesIO(sdk.holdout_predictions(default_model_id)))
    assert rows.columns == ["match_id", "start_time", "radiant_win", "radiant_win_probability"]
    metrics = sdk.model_info(default_model_id).to_dict()["metrics"]
    assert rows.height == metrics["n_holdout"]
    y, p = rows["radiant_win"].cast(pl.Int8).to_numpy(), rows["radiant_win_probability"].to_numpy()
    assert log_loss(y, p) == pytest.approx(metrics["log_loss"], abs=1e-9)
    assert roc_auc_score(y, p) == pytest.approx(metrics["roc_auc"], abs=1e-9)
    # The latest matches of the training data, in the order training sorted them by.
    order_key = sdk.model_info(default_model_id).to_dict()["training_summary"]["order_key"]
    assert rows[order_key].is_sorted()
    with pytest.raises(NotFound):
        sdk.holdout_predictions("no-such-model")


def test_evaluations_and_backtests_are_listed_newest_first(
    sdk: DotaPredict, default_model_id: str, real_matches: pl.DataFrame
) -> None:
    frame = real_matches.sort("match_id").tail(120)
    first = sdk.evaluate(frame, include_training_matches=True)
    backtest = sdk.backtest(frame, include_training_matches=True)
    second = sdk.evaluate(frame.head(60), include_training_matches=True)
    listed = sdk.evaluations()
    ids = [e.evaluation_id for e in listed]
    assert ids.index(second.evaluation_id) < ids.index(backtest.backtest_id)
    assert ids.index(backtest.backtest_id) < ids.index(first.evaluation_id)
    row = next(e for e in listed if e.evaluation_id == first.evaluation_id)
    assert (row.kind, row.n_matches, row.filename) == ("evaluation", 120, first.filename)
    assert row.dataset_sha256 == first.dataset_sha256
    scored = next(m for m in row.models if m.model_id == default_model_id)
    reported = next(r for r in first.results if r.model_id == default_model_id)
    assert scored.log_loss == pytest.approx(reported.log_loss)
    assert scored.mode == reported.mode
    assert {e.kind for e in sdk.evaluations(kind="backtest")} == {"backtest"}
    assert backtest.backtest_id in [e.evaluation_id for e in sdk.evaluations(kind="backtest")]
    assert len(sdk.evaluations(limit=2)) == 2
    assert sdk.evaluations(model_id="no-such-model") == []
    mine = sdk.evaluations(model_id=default_model_id, limit=500)
    assert {first.evaluation_id, second.evaluation_id} <= {e.evaluation_id for e in mine}


def test_async_registry_calls(service: LiveService, default_model_id: str) -> None:
    async def scenario() -> None:
        async with AsyncDotaPredict(service.base_url) as sdk:
            info = await sdk.set_model_metadata(default_model_id, tags=["async"])
            assert info.tags == ["async"]
            assert default_model_id in {m.model_id for m in await sdk.list_models(["ASYNC"])}
            bundle = await sdk.export_model(default_model_id)
            imported = await sdk.import_model(bundle, model_id="sdk-async-imported")
            assert imported.model_id == "sdk-async-imported"
            await sdk.delete_model("sdk-async-imported")
            assert isinstance(await sdk.evaluations(limit=1), list)
            await sdk.set_model_metadata(default_model_id, tags=[])

    asyncio.run(scenario())
