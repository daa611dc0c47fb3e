"""Every page through AppTest against a real API + worker (tests/conftest.py `service`)."""

from __future__ import annotations

import io
import json

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

from dota_predict_sdk import DotaPredict
from tests.support.live_service import poll_until
from tests.ui.conftest import assert_clean, open_page, rerun_until, texts

pytestmark = pytest.mark.slow  # a live API + worker per module
TRAINED_ID = "ui-trained-lr"
LONG_CATBOOST = {"iterations": 5000, "depth": 8, "learning_rate": 0.01}


def metrics(at: AppTest | Block) -> dict[str, str]:
    return {m.label: str(m.value) for m in at.metric}


def sample(sdk: DotaPredict) -> pl.DataFrame:
    """The service's bundled matches (GET /api/v1/data/sample)."""
    return pl.read_csv(io.BytesIO(sdk.sample_csv()))


def store(sdk: DotaPredict, frame: pl.DataFrame, name: str) -> str:
    """Upload a frame as a named CSV file; its dataset id."""
    upload = io.BytesIO(frame.write_csv().encode())
    upload.name = name
    return sdk.upload_dataset(upload).dataset_id


def test_data_page_explores_the_bundled_dataset(app: AppTest, sdk: DotaPredict) -> None:
    at = app.run()  # the default page
    assert_clean(at)
    assert texts(at.title) == ["Data & EDA"]
    assert at.selectbox(key="data_dataset").value == "default"
    assert at.query_params["dataset"] == "default"
    overview, heroes, pairs, players = at.tabs
    shown = metrics(overview)
    assert shown["Matches"] == f"{sdk.dataset_info('default').n_matches:,}"
    assert shown["Radiant win rate"].endswith("%")
    assert shown["From"].startswith("2020-")
    assert heroes.dataframe[0].value["name"].iloc[0]  # hero names, not ids
    assert len(pairs.get("plotly_chart")) == 2  # the pair and counter heatmaps
    assert len(pairs.dataframe) == 2  # strongest pairs and counters

    picker = players.selectbox(key="eda_account_default")
    assert picker.value is not None and int(picker.value) > 0  # the most active is preselected
    second = picker.options[1]  # "<account id> · <n> matches"
    account, games = second.split(" · ")[0], int(second.split(" · ")[1].split()[0])
    picker.set_value(int(account)).run()
    assert_clean(at)
    assert metrics(at.tabs[3])["Matches"] == str(games)
    assert at.tabs[3].dataframe[0].value["games"].sum() == games  # heroes played


def test_players_tab_does_not_carry_a_player_over_to_another_dataset(
    app: AppTest, sdk: DotaPredict
) -> None:
    small = sample(sdk).filter(pl.col("start_time").is_not_null()).head(300)
    dataset_id = store(sdk, small, "my 300 matches.csv")
    at = app.run()
    chosen = at.selectbox(key="eda_account_default").options[3].split(" · ")[0]
    at.selectbox(key="eda_account_default").set_value(int(chosen)).run()
    at.selectbox(key="data_dataset").set_value(dataset_id).run()
    assert_clean(at)
    assert any("my 300 matches.csv · 300 matches" in t for t in texts(at.caption))
    top = sdk.dataset_info(dataset_id).top_players[0]
    picker = at.tabs[3].selectbox(key=f"eda_account_{dataset_id}")
    assert picker.value == top.account_id  # this file's most active player, not the old one
    assert metrics(at.tabs[3])["Matches"] == str(top.matches)


def test_train_page_trains_a_model_and_shows_its_metrics(app: AppTest, sdk: DotaPredict) -> None:
    at = open_page(app, "train")
    assert_clean(at)
    assert at.selectbox(key="train_model_type").value == "logistic_regression"
    c_input = at.number_input(key="hp_logistic_regression_C")
    assert c_input.value == 0.03  # default from the API
    labels = {h.name: h.label for t in sdk.model_types() for h in t.hyperparameters}
    assert c_input.label == labels["C"] != "C"  # the service's readable label
    assert "holdout_fraction" not in [n.label for n in at.number_input]
    c_input.set_value(0.05)
    at.text_input(key="train_model_id").input(TRAINED_ID)
    at.button(key="train_submit").click().run()
    assert_clean(at)
    job_id = at.query_params["job"]  # the job is in the URL
    live = [str(p.proto.text) for p in at.main.get("progress")]  # the polling fragment
    assert live and TRAINED_ID in live[0], live

    rerun_until(at, lambda a: a.main.success or a.main.error, timeout=180)
    assert_clean(at)
    assert any(f"`{TRAINED_ID}` is trained" in t for t in texts(at.main.success)), texts(at.success)
    assert {"ROC AUC", "Log-loss", "Accuracy", "Brier", "ECE"} <= set(metrics(at))
    info = sdk.model_info(TRAINED_ID)
    assert info.status == "ready" and info.hyperparameters.to_dict()["C"] == 0.05
    assert info.job_id == job_id

    at.button(key="train_submit").click().run()  # the same model id again: the API refuses
    assert not at.exception, texts(at.exception)
    refused = texts(at.main.error)
    assert any("Submitting the training job failed" in t and TRAINED_ID in t for t in refused)


def test_a_reload_keeps_a_running_job_visible_and_cancellable(
    app: AppTest, sdk: DotaPredict
) -> None:
    accepted = sdk.fit("catboost", LONG_CATBOOST, model_id="ui-long-catboost")
    # A fresh AppTest is a new browser session: nothing but the URL carries over.
    app.query_params["job"] = accepted.job_id
    at = open_page(app, "train")
    assert_clean(at)
    live = [str(p.proto.text) for p in at.main.get("progress")]
    assert any("ui-long-catboost" in t for t in live), live
    at.button(key=f"job_cancel_{accepted.job_id}").click().run()
    assert not at.exception, texts(at.exception)
    poll_until(lambda: sdk.job(accepted.job_id).status == "cancelled", timeout=30)
    rerun_until(at, lambda a: a.main.warning, timeout=30)
    shown = texts(at.main.warning)
    assert any("`ui-long-catboost` was cancelled." in t for t in shown), shown
    assert not any("cancelled. cancelled" in t for t in shown), shown
    assert f"job_cancel_{accepted.job_id}" not in [b.key for b in at.button]  # no longer offered
    table = at.main.dataframe[0].value
    assert table.loc[table["job"] == accepted.job_id, "status"].item() == "cancelled"


def test_train_page_shows_the_error_of_a_failed_job(app: AppTest, sdk: DotaPredict) -> None:
    # Accepted at upload (100 matches, both outcomes) but the earliest 80 % are all Radiant wins,
    # so training fails in the worker. The file is a stored dataset chosen in the picker.
    row = pl.int_range(pl.len())
    one_sided = sample(sdk).head(100).with_columns(radiant_win=(row < 85) | (row % 2 == 0))
    dataset_id = store(sdk, one_sided, "one-sided.csv")
    at = open_page(app, "train")
    at.selectbox(key="train_dataset").set_value(dataset_id).run()
    at.button(key="train_submit").click().run()
    rerun_until(at, lambda a: a.main.success or a.main.error, timeout=120)
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
    cells = [str(v) for v in table.to_numpy().ravel()]
    assert "None" not in cells and "nan" not in cells  # failed/cancelled models show "n/a"
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
    assert not [b for b in at.selectbox if str(b.key).startswith("draft_radiant_account")]
    at.toggle(key="draft_players").set_value(True).run()  # player boxes only when asked for
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
    n_matches = sdk.dataset_info("default").n_matches
    assert shown["Labelled matches"] == f"{n_matches:,}"
    # Every bundled match is in the default model's training data: none is scored (in-sample).
    assert shown["ROC AUC"] == "n/a" and shown["Log-loss"] == "n/a"
    frame = pl.from_pandas(at.dataframe[-1].value)
    assert frame.height == n_matches and frame["radiant_win_probability"].is_between(0, 1).all()


def test_uploads_state_the_services_limit(app: AppTest, sdk: DotaPredict) -> None:
    at = app.run()
    limit = f"{sdk.limits().max_upload_mb:g} MB"
    uploaders = at.get("file_uploader")
    helps = [json.dumps(str(u.proto.help)) for u in uploaders]
    assert helps and all(limit in h for h in helps), helps
    sizes = [u.proto.max_upload_size_mb for u in uploaders]
    assert sizes == [int(sdk.limits().max_upload_mb)] * len(uploaders), sizes


def test_monitoring_page_shows_the_live_record(app: AppTest, sdk: DotaPredict) -> None:
    model_id = sdk.active_model_id()
    assert model_id is not None
    sample = (
        pl.read_csv(io.BytesIO(sdk.sample_csv()))
        .head(200)
        .with_columns(pl.col("match_id") + 10**11)
    )
    sdk.predict_csv(sample.drop("radiant_win"))
    poll_until(lambda: sdk.monitoring().served >= 200, timeout=60)
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
    assert "Unknown players (recent)" in shown
    n_recent = sdk.monitoring().input_drift.n_recent
    psi_label = f"Hero pick PSI (n = {n_recent:,} predictions)"  # the sample size beside it
    assert psi_label in shown, shown
    assert any("by chance alone" in t for t in texts(at.markdown))  # the rule in plain words
