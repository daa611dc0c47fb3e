"""Every page through AppTest against a real API + worker (tests/conftest.py `service`)."""

from __future__ import annotations

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

from dota_predict_sdk import DotaPredict
from streamlit_app.match_store import SAMPLE_PATH, MatchFile
from tests.support.live_service import poll_until
from tests.ui.conftest import assert_clean, open_page, rerun_until, texts

pytestmark = pytest.mark.slow  # a live API + worker per module
TRAINED_ID = "ui-trained-lr"


def metrics(at: AppTest | Block) -> dict[str, str]:
    return {m.label: str(m.value) for m in at.metric}


def test_data_page_explores_the_bundled_sample(app: AppTest) -> None:
    at = app.run()  # the default page
    assert_clean(at)
    assert texts(at.title) == ["Data & EDA"]
    assert not at.warning, texts(at.warning)  # hero names came from the service
    overview, heroes, pairs, players = at.tabs
    shown = metrics(overview)
    assert shown["Matches"] == "4,000"
    assert shown["Radiant win rate"].endswith("%")
    assert shown["From"].startswith("2021-")
    assert heroes.dataframe[0].value["hero"].iloc[0]  # hero names, not ids
    assert len(pairs.get("plotly_chart")) == 2  # the pair and counter heatmaps
    assert len(pairs.dataframe) == 2  # strongest pairs and counters

    picker = players.selectbox(key="eda_account")
    assert picker.value is not None and int(picker.value) > 0  # the most active is preselected
    second = picker.options[1]  # "<account id> · <n> matches"
    account, games = second.split(" · ")[0], int(second.split(" · ")[1].split()[0])
    picker.set_value(int(account)).run()
    assert_clean(at)
    assert metrics(at.tabs[3])["Matches"] == str(games)
    assert at.tabs[3].dataframe[0].value["games"].sum() == games  # heroes played


def test_train_page_trains_a_model_and_shows_its_metrics(app: AppTest, sdk: DotaPredict) -> None:
    at = open_page(app, "train")
    assert_clean(at)
    assert at.selectbox(key="train_model_type").value == "logistic_regression"
    assert at.number_input(key="hp_logistic_regression_C").value == 0.03  # default from the API
    at.number_input(key="hp_logistic_regression_C").set_value(0.05)
    at.text_input(key="train_model_id").input(TRAINED_ID)
    at.button(key="train_submit").click().run()
    assert_clean(at)
    assert at.session_state["train_job_id"]
    live = [str(p.proto.text) for p in at.main.get("progress")]  # the polling fragment
    assert live and any(s in live[0] for s in ("queued", "running")), live

    rerun_until(at, lambda a: a.main.success or a.main.error, timeout=180)
    assert_clean(at)
    assert any(f"`{TRAINED_ID}` is trained" in t for t in texts(at.main.success)), texts(at.success)
    assert {"ROC AUC", "Log-loss", "Accuracy", "Brier", "ECE"} <= set(metrics(at))
    info = sdk.model_info(TRAINED_ID)
    assert info.status == "ready" and info.hyperparameters.to_dict()["C"] == 0.05

    at.button(key="train_submit").click().run()  # the same model id again: the API refuses
    assert not at.exception, texts(at.exception)
    refused = texts(at.main.error)
    assert any("Submitting the training job failed" in t and TRAINED_ID in t for t in refused)


def test_train_page_shows_the_error_of_a_failed_job(app: AppTest) -> None:
    # Accepted at upload (100 matches, both outcomes) but the earliest 80 % are all Radiant wins,
    # so training fails in the worker. The file comes "from the Data & EDA page".
    sample = pl.read_csv(SAMPLE_PATH).head(100)
    row = pl.int_range(pl.len())
    one_sided = sample.with_columns(radiant_win=(row < 85) | (row % 2 == 0))
    at = open_page(app, "train")
    at.session_state["match_file"] = MatchFile.of("one-sided.csv", one_sided.write_csv().encode())
    at.run()
    at.radio(key="train_data").set_value("explored").run()
    at.button(key="train_submit").click().run()
    rerun_until(at, lambda a: a.main.success or a.main.error or a.main.warning, timeout=120)
    assert not at.exception, texts(at.exception)
    failed = texts(at.main.error)
    assert any(t.startswith("**Training `") and "only one outcome" in t for t in failed), failed


def test_models_page_lists_compares_and_activates(app: AppTest, sdk: DotaPredict) -> None:
    ready = [m for m in sdk.list_models() if m.status == "ready"]
    target = next((m.model_id for m in ready if not m.is_active), None)
    if target is None:  # this test run alone: train a second model through the SDK
        target = sdk.train("logistic_regression", {"C": 0.1}, model_id="ui-models-lr").model_id
    at = open_page(app, "models")
    assert_clean(at)
    table = at.dataframe[0].value
    assert set(table["model_id"]) >= {m.model_id for m in ready}
    assert {"roc_auc", "log_loss", "accuracy", "brier", "ece"} <= set(table.columns)
    assert len(at.get("plotly_chart")) >= 3  # comparison, ROC, calibration (+ importances)

    at.selectbox(key="models_detail").set_value(target).run()
    assert at.button(key="models_activate").disabled is False
    at.button(key="models_activate").click().run()
    assert_clean(at)
    assert any("now active" in t for t in texts(at.success)), texts(at.success)
    assert sdk.active_model_id() == target
    assert at.button(key="models_activate").disabled is True


def test_predict_page_predicts_a_draft_and_a_file(app: AppTest, sdk: DotaPredict) -> None:
    at = open_page(app, "predict")
    assert_clean(at)
    assert at.button(key="predict_button").disabled  # no draft yet
    at.button(key="draft_random").click().run()
    heroes = [
        at.selectbox(key=f"draft_{side}_hero_{i}").value
        for side in ("radiant", "dire")
        for i in range(5)
    ]
    assert None not in heroes and len(set(heroes)) == 10
    known = sdk.account_ids(limit=1).account_ids[0]
    at.selectbox(key="draft_radiant_account_0").set_value(known)
    at.button(key="predict_button").click().run()
    assert_clean(at)
    shown = metrics(at)
    radiant = float(shown["Radiant win probability"].rstrip("%")) / 100
    dire = float(shown["Dire win probability"].rstrip("%")) / 100
    assert 0 < radiant < 1 and abs(radiant + dire - 1) < 0.002
    assert len(at.get("plotly_chart")) >= 2  # the probability bar and the factors

    at.radio(key="batch_source").set_value("Bundled sample").run()
    at.button(key="batch_button").click().run()
    assert_clean(at)
    shown = metrics(at)
    assert shown["Labelled matches"] == "4,000"
    assert 0.5 < float(shown["ROC AUC"]) <= 1 and float(shown["Log-loss"]) > 0
    frame = pl.from_pandas(at.dataframe[-1].value)
    assert frame.height == 4000 and frame["radiant_win_probability"].is_between(0, 1).all()


def test_monitoring_page_shows_the_live_record(app: AppTest, sdk: DotaPredict) -> None:
    model_id = sdk.active_model_id()
    assert model_id is not None
    sample = pl.read_csv(SAMPLE_PATH).head(200).with_columns(pl.col("match_id") + 10**11)
    sdk.predict_csv(sample.drop("radiant_win"))
    poll_until(lambda: sdk.monitoring().served >= 200, timeout=10)
    assert sdk.ingest_results(sample).predictions_scored >= 200

    at = open_page(app, "monitoring")
    assert_clean(at)
    assert texts(at.title) == ["Monitoring"]
    assert at.selectbox(key="monitoring_model").value == model_id
    shown = metrics(at)
    assert shown["Scored (result known)"] == f"{sdk.monitoring().scored:,}"
    assert len(at.get("plotly_chart")) == 2  # rolling quality and calibration
    windows = at.dataframe[0].value
    assert list(windows["window"]) == ["holdout", "Last 100", "Last 500", "All"]
    assert {"Unknown players (recent)", "Hero pick PSI"} <= set(shown)
