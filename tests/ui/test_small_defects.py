"""AppTest of the small analyst-facing fixes: player switch, form in the URL, readable tables."""

from __future__ import annotations

import io
import json

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from dota_predict_sdk import DotaPredict
from streamlit_app.charts import win_rate_heatmap
from streamlit_app.model_views import name_value_rows, readable, worse_than_baseline
from tests.ui.conftest import assert_clean, open_page

pytestmark = pytest.mark.slow  # a live API + worker per module


def test_files_without_players_lock_player_features_off(app: AppTest, sdk: DotaPredict) -> None:
    sample = pl.read_csv(io.BytesIO(sdk.sample_csv())).head(400)
    heroes_only = sample.select(pl.exclude("^.*_account_id_.*$"))
    upload = io.BytesIO(heroes_only.write_csv().encode())
    upload.name = "no_players.csv"
    dataset_id = sdk.upload_dataset(upload).dataset_id
    app.query_params["dataset"] = dataset_id
    at = open_page(app, "train")
    assert_clean(at)
    switch = at.checkbox(key="hp_logistic_regression_use_player_features")
    assert switch.value is False and switch.disabled
    assert any("no account ids" in str(c.value) for c in at.caption)

    at.selectbox(key="train_dataset").set_value("default").run()  # players again: free choice
    switch = at.checkbox(key="hp_logistic_regression_use_player_features")
    assert not switch.disabled


def test_the_train_form_comes_back_from_the_url(app: AppTest) -> None:
    app.query_params["model_type"] = "logistic_regression"
    app.query_params["hp"] = json.dumps({"C": 0.2, "use_hero_stats": False})
    at = open_page(app, "train")
    assert_clean(at)
    assert at.number_input(key="hp_logistic_regression_C").value == 0.2
    assert at.checkbox(key="hp_logistic_regression_use_hero_stats").value is False
    assert not at.warning  # no "default value and Session State" warning
    at.number_input(key="hp_logistic_regression_C").set_value(0.07)
    at.button(key="train_submit").click().run()
    saved = at.query_params["hp"]
    saved = saved[0] if isinstance(saved, list) else saved
    assert json.loads(saved)["C"] == 0.07  # submitted: a reload keeps it


def test_the_models_page_shows_no_none_and_no_raw_json(app: AppTest) -> None:
    at = open_page(app, "models")
    assert_clean(at)
    assert not at.get("json")
    tables = [d.value for d in at.dataframe if list(d.value.columns) == ["name", "value"]]
    assert len(tables) == 2  # hyperparameters and the training summary
    cells = [str(v) for table in tables for v in table["value"]]
    assert cells and not {"None", "True", "False", "nan"} & set(cells)
    assert not [c for c in cells if c.startswith(("{", "["))], cells


def test_readable_values_and_labelled_heatmaps() -> None:
    assert [readable(v) for v in (None, True, 0.03, 1200, [1, 2])] == [
        "not set", "yes", "0.03", "1,200", "1, 2",
    ]  # fmt: skip
    assert name_value_rows({"a_b": {"c": None}}) == [{"name": "a b · c", "value": "not set"}]
    assert worse_than_baseline({"log_loss": 0.70, "baseline": {"log_loss": 0.69}}) == (
        pytest.approx(0.01)
    )
    assert worse_than_baseline({"log_loss": 0.65, "baseline": {"log_loss": 0.69}}) is None
    heroes = [f"hero {i}" for i in range(20)]
    figure = win_rate_heatmap([[0.5] * 20] * 20, heroes, heroes, "pairs", ("with", "hero"))
    assert list(figure.layout.yaxis.tickvals) == heroes == list(figure.layout.xaxis.tickvals)


def test_a_dataset_is_renamed_and_deleted_on_the_data_page(app: AppTest, sdk: DotaPredict) -> None:
    sample = pl.read_csv(io.BytesIO(sdk.sample_csv())).tail(120)
    upload = io.BytesIO(sample.write_csv().encode())
    upload.name = "to_rename.csv"
    dataset_id = sdk.upload_dataset(upload).dataset_id
    app.query_params["dataset"] = dataset_id
    at = open_page(app, "data")
    assert_clean(at)
    at.text_input(key=f"dataset_name_{dataset_id}").input("league week 3.csv")
    at.button(key="dataset_rename").click().run()
    assert_clean(at)
    assert {d.dataset_id: d.filename for d in sdk.datasets()}[dataset_id] == "league week 3.csv"
    selected = at.selectbox(key="data_dataset")
    assert "league week 3.csv" in selected.format_func(selected.value)  # shown at once

    assert at.button(key="dataset_delete").disabled  # not confirmed yet
    at.checkbox(key=f"dataset_delete_confirm_{dataset_id}").check().run()
    at.button(key="dataset_delete").click().run()
    assert_clean(at)
    assert any("was deleted" in str(s.value) for s in at.success)
    assert dataset_id not in {d.dataset_id for d in sdk.datasets()}
    assert at.selectbox(key="data_dataset").value == "default"
