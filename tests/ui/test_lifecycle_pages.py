"""AppTest of the life-cycle panels: delete, common-test-set comparison, promote, draft helper."""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from dota_predict_sdk import DotaPredict
from tests.support.live_service import LiveService
from tests.ui.conftest import assert_clean, open_page, texts

pytestmark = pytest.mark.slow  # a live API + worker per module
HEROES_ONLY = {"use_player_features": False, "use_hero_stats": False}


@pytest.fixture(scope="module")
def service(redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveService]:
    """The live service, its promotion rule stated at 100 %: the only file these page tests can
    pick is the bundled sample, which the models here partly trained on (their training
    matches are still left out of the scores; tests/service/test_overlap.py keeps the 10 %)."""
    live = LiveService(
        workdir=tmp_path_factory.mktemp("ui-lifecycle"),
        redis_url=redis_url,
        extra_env={"APP_PROMOTION_MAX_TRAINING_SHARE": "1"},
    ).start()
    yield live
    live.stop()


@pytest.fixture(scope="module")
def extra_model(sdk: DotaPredict, training_csv: bytes) -> str:
    """A second, worse model (heroes only) next to the active default one."""
    return sdk.train(
        "logistic_regression", HEROES_ONLY, data=training_csv, model_id="ui-heroes"
    ).model_id


def test_compare_models_on_a_common_file_and_promote(
    app: AppTest, sdk: DotaPredict, extra_model: str
) -> None:
    active = sdk.active_model_id()
    at = open_page(app, "models")
    assert_clean(at)
    assert set(at.multiselect(key="compare_models").value) >= {extra_model, active}
    at.radio(key="compare_source").set_value("Bundled sample").run()
    at.checkbox(key="compare_in_sample").check().run()  # both trained on these matches
    at.button(key="compare_button").click().run()
    assert_clean(at)
    evaluation_id = at.session_state["lifecycle_evaluation"]["evaluation_id"]
    # The stored evidence names the file that was scored (it used to say "matches.csv").
    assert sdk.evaluation(evaluation_id).filename == "bundled_sample_matches.csv"
    charts = {c.proto.id for c in at.get("plotly_chart")}
    assert len(charts) >= 5  # comparison, holdout ROC + calibration, common ROC + calibration
    table = next(d.value for d in at.dataframe if "95 % CI (log-loss)" in d.value.columns)
    assert set(table["model_id"]) == {extra_model, f"{active} (active)"}
    row = table[table["model_id"] == extra_model].iloc[0]
    assert row["95 % CI (log-loss)"].startswith("[+")  # clearly worse on these matches
    diff = next(d.value for d in at.dataframe if "hyperparameter" in d.value.columns)
    assert "use_player_features" in set(diff["hyperparameter"])

    at.selectbox(key="promote_model").set_value(extra_model).run()
    at.button(key="promote_button").click().run()
    assert_clean(at)
    assert any("not promoted" in t for t in texts(at.warning)), texts(at.warning)
    assert sdk.active_model_id() == active
    history = next(d.value for d in at.dataframe if "reason" in d.value.columns)
    assert "bootstrap" in set(history["who"])


def test_delete_a_model_after_confirmation(
    app: AppTest, sdk: DotaPredict, training_csv: bytes
) -> None:
    doomed = sdk.train("logistic_regression", HEROES_ONLY, data=training_csv).model_id
    at = open_page(app, "models")
    at.selectbox(key="models_detail").set_value(doomed).run()
    assert at.button(key="models_delete").disabled  # not confirmed yet
    at.checkbox(key=f"delete_confirm_{doomed}").check().run()
    at.button(key="models_delete").click().run()
    assert_clean(at)
    assert any("was deleted" in t for t in texts(at.success)), texts(at.success)
    assert doomed not in {m.model_id for m in sdk.list_models()}
    assert doomed not in at.selectbox(key="models_detail").options


def test_predict_page_suggests_picks_and_adds_one(app: AppTest, sdk: DotaPredict) -> None:
    at = open_page(app, "predict")
    assert_clean(at)
    at.selectbox(key="draft_radiant_hero_0").set_value(1)
    at.selectbox(key="draft_dire_hero_0").set_value(2).run()
    at.button(key="suggest_button").click().run()
    assert_clean(at)
    adds = [b for b in at.button if b.key and b.key.startswith("suggest_add_")]
    assert len(adds) == 10
    first = int(str(adds[0].key).removeprefix("suggest_add_"))
    assert first not in (1, 2)
    expected = sdk.suggest_picks("radiant", [1], [2], top_n=1).suggestions[0].hero_id
    assert first == expected
    adds[0].click().run()
    assert_clean(at)
    assert at.selectbox(key="draft_radiant_hero_1").value == first


def test_deleting_a_compared_model_leaves_a_clean_page(
    app: AppTest, sdk: DotaPredict, training_csv: bytes
) -> None:
    doomed = sdk.train("logistic_regression", HEROES_ONLY, data=training_csv).model_id
    at = open_page(app, "models")
    at.radio(key="compare_source").set_value("Bundled sample").run()
    at.checkbox(key="compare_in_sample").check().run()
    at.button(key="compare_button").click().run()
    assert_clean(at)
    at.selectbox(key="models_detail").set_value(doomed).run()
    at.checkbox(key=f"delete_confirm_{doomed}").check().run()
    at.button(key="models_delete").click().run()
    assert_clean(at)  # the stored evaluation names the model: it is not read again
    table = next(d.value for d in at.dataframe if "95 % CI (log-loss)" in d.value.columns)
    assert f"{doomed} (deleted)" in set(table["model_id"])
    assert doomed not in at.multiselect(key="compare_models").value
    assert doomed not in at.selectbox(key="promote_model").options


@pytest.fixture(scope="module")
def early_models(sdk: DotaPredict, real_matches: pl.DataFrame) -> tuple[str, str]:
    """A default LR and a heroes-only LR trained before the latest 1,500 bundled matches: on the
    bundled sample both are scored on those 1,500 only, honest evidence between them."""
    head = real_matches.head(real_matches.height - 1500).write_csv().encode()
    better = sdk.train("logistic_regression", {}, data=head, model_id="ui-early-lr").model_id
    worse = sdk.train("logistic_regression", HEROES_ONLY, data=head, model_id="ui-early-heroes")
    return better, worse.model_id


def test_a_promotion_shows_the_new_active_model_at_once(
    app: AppTest, sdk: DotaPredict, early_models: tuple[str, str]
) -> None:
    default = sdk.active_model_id()
    assert default is not None
    champion, worse = early_models
    sdk.activate(worse)  # the worse model serves; the better one is the challenger
    try:
        at = open_page(app, "models")
        at.multiselect(key="compare_models").set_value([champion, worse]).run()
        at.radio(key="compare_source").set_value("Bundled sample").run()
        at.button(key="compare_button").click().run()
        at.selectbox(key="promote_model").set_value(champion).run()
        at.button(key="promote_button").click().run()
        assert_clean(at)
        assert sdk.active_model_id() == champion
        assert any("promoted" in t.lower() for t in texts(at.success)), texts(at.success)
        # The same run that promoted shows it: models table, detail, comparison labels.
        models = next(d.value for d in at.dataframe if "active" in d.value.columns)
        assert models.loc[models["active"], "model_id"].tolist() == [champion]
        assert at.selectbox(key="models_detail").value == champion
        assert at.button(key="models_activate").disabled
        compared = next(d.value for d in at.dataframe if "95 % CI (log-loss)" in d.value.columns)
        assert f"{champion} (active)" in set(compared["model_id"])
        # The old champion was the reference, the new one is active: nothing left to promote.
        assert "promote_model" not in {w.key for w in at.selectbox}
    finally:
        sdk.activate(default)
