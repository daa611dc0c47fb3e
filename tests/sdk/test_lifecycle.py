"""The life-cycle facade (delete, evaluate, promote, activations, suggest_picks), sync and async."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from dota_predict_sdk import (
    AsyncDotaPredict,
    Conflict,
    DotaPredict,
    EvaluationRead,
    InvalidInput,
    NotFound,
    PairedComparison,
    PickSuggestions,
    PromotionResult,
    ShadowSet,
)
from tests.support.live_service import LiveService

pytestmark = pytest.mark.slow
HEROES_ONLY = {"use_player_features": False, "use_hero_stats": False}


@pytest.fixture(scope="module")
def challenger(service: LiveService, default_model_id: str, training_csv_path: Path) -> str:
    """A heroes-only model: clearly worse than the default one."""
    with DotaPredict(service.base_url) as client:
        return client.train(
            "logistic_regression", HEROES_ONLY, data=training_csv_path, model_id="sdk-heroes"
        ).model_id


def test_evaluate_promote_and_history(
    sdk: DotaPredict, default_model_id: str, challenger: str, training_csv_path: Path
) -> None:
    # Both models trained on this file: scored in-sample (asked for), so never evidence.
    evaluation = sdk.evaluate(
        training_csv_path, model_ids=[challenger], include_training_matches=True
    )
    assert isinstance(evaluation, EvaluationRead)
    by_id = {r.model_id: r for r in evaluation.results}
    assert set(by_id) == {challenger, default_model_id}
    seen = by_id[default_model_id].n_training_matches
    assert by_id[challenger].in_sample and isinstance(seen, int) and seen > 0
    assert evaluation.active_model_id == default_model_id
    vs = by_id[challenger].vs_active
    assert isinstance(vs, PairedComparison) and vs.log_loss_diff > 0
    assert sdk.evaluation(evaluation.evaluation_id).results[0].model_id == (
        evaluation.results[0].model_id
    )
    result = sdk.promote(challenger, evaluation_id=evaluation.evaluation_id)
    assert isinstance(result, PromotionResult) and result.promoted is False
    assert "trained on" in result.reason
    assert sdk.active_model_id() == default_model_id
    with pytest.raises(ValueError):
        sdk.promote(challenger)
    history = sdk.activations()
    assert history and history[-1].actor == "bootstrap"
    assert history[-1].model_id == default_model_id


def test_shadows_sync_and_async(
    service: LiveService, sdk: DotaPredict, default_model_id: str, challenger: str
) -> None:
    with pytest.raises(Conflict):
        sdk.set_shadows([default_model_id])
    with pytest.raises(NotFound):
        sdk.set_shadows(["no-such-model"])
    named = sdk.set_shadows([challenger])
    assert isinstance(named, ShadowSet) and named.model_ids == [challenger]
    assert named.active_model_id == default_model_id

    async def clear() -> tuple[ShadowSet, ShadowSet]:
        async with AsyncDotaPredict(service.base_url) as client:
            return await client.shadows(), await client.set_shadows([])

    listed, cleared = asyncio.run(clear())
    assert listed.model_ids == [challenger] and cleared.model_ids == []
    assert sdk.shadows().model_ids == []
    result = sdk.promote(challenger, evidence="shadow")  # no live record yet
    assert result.promoted is False and result.evidence is not None
    with pytest.raises(ValueError):
        sdk.promote(challenger, evidence="shadow", evaluation_id="eval-1")


def test_suggest_picks_sync_and_async_agree(
    service: LiveService, sdk: DotaPredict, default_model_id: str
) -> None:
    radiant: list[int | str] = ["Anti-Mage", "Axe", 3, 4]
    dire: list[int | str] = [6, 7, 8, 9, 10]
    result = sdk.suggest_picks("radiant", radiant, dire, bans=["Pudge"], top_n=5)
    assert isinstance(result, PickSuggestions) and len(result.suggestions) == 5
    best = result.suggestions[0]
    predicted = sdk.predict([*radiant, best.hero_id], dire).radiant_win_probability
    assert abs(best.win_probability - predicted) < 1e-9
    assert 14 not in {s.hero_id for s in result.suggestions}

    async def via_async() -> PickSuggestions:
        async with AsyncDotaPredict(service.base_url) as client:
            return await client.suggest_picks("radiant", radiant, dire, bans=["Pudge"], top_n=5)

    assert asyncio.run(via_async()).to_dict() == result.to_dict()
    with pytest.raises(InvalidInput):
        sdk.suggest_picks("radiant", [1, 2, 3, 4, 5], dire)


def test_delete_sync_and_async(
    service: LiveService, sdk: DotaPredict, default_model_id: str, training_csv_path: Path
) -> None:
    with pytest.raises(Conflict):
        sdk.delete_model(default_model_id)
    with pytest.raises(NotFound):
        sdk.delete_model("no-such-model")
    info = sdk.train("logistic_regression", HEROES_ONLY, data=training_csv_path)

    async def delete() -> None:
        async with AsyncDotaPredict(service.base_url) as client:
            deleted = await client.delete_model(info.model_id)
            assert deleted.deleted and deleted.jobs_kept == 1

    asyncio.run(delete())
    assert info.model_id not in {m.model_id for m in sdk.list_models()}
    assert info.job_id and sdk.job(info.job_id).model_deleted is True
