"""AppTest of the Models page's registry panels: notes and search, export, past evaluations."""

from __future__ import annotations

import io

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from dota_predict_sdk import DotaPredict
from tests.ui.conftest import assert_clean, open_page, texts

pytestmark = pytest.mark.slow  # a live API + worker per module


def active_id(sdk: DotaPredict) -> str:
    model_id = sdk.active_model_id()
    assert model_id is not None
    return model_id


def test_notes_are_saved_and_the_list_is_searched_by_them(app: AppTest, sdk: DotaPredict) -> None:
    model_id = active_id(sdk)
    at = open_page(app, "models")
    assert_clean(at)
    at.text_area(key=f"notes_description_{model_id}").set_value("Bundled pro matches")
    at.text_input(key=f"notes_tags_{model_id}").set_value("pro, baseline")
    at.button(key=f"FormSubmitter:notes_{model_id}-Save notes").click().run()
    assert_clean(at)
    assert any("Notes of" in t for t in texts(at.success)), texts(at.success)
    info = sdk.model_info(model_id)
    assert (info.description, info.tags) == ("Bundled pro matches", ["pro", "baseline"])
    assert "pro, baseline" in set(at.dataframe[0].value["tags"])

    at.multiselect(key="registry_tags").set_value(["baseline"]).run()
    assert set(at.dataframe[0].value["model_id"]) == {model_id}
    at.multiselect(key="registry_tags").set_value([]).run()
    at.text_input(key="registry_text").set_value("nothing is called this").run()
    assert any("No model has these tags" in t for t in texts(at.info)), texts(at.info)


def test_a_refused_tag_shows_the_services_message(app: AppTest, sdk: DotaPredict) -> None:
    model_id = active_id(sdk)
    before = sdk.model_info(model_id).tags
    at = open_page(app, "models")
    at.text_input(key=f"notes_tags_{model_id}").set_value("-bad tag")
    at.button(key=f"FormSubmitter:notes_{model_id}-Save notes").click().run()
    errors = texts(at.error)
    assert any("tags" in t for t in errors), errors
    assert sdk.model_info(model_id).tags == before


def test_export_offers_the_zip_of_the_selected_model(app: AppTest, sdk: DotaPredict) -> None:
    at = open_page(app, "models")
    at.button(key="registry_export_button").click().run()
    assert_clean(at)
    # The zip is fetched once and offered for download; the same bytes as the SDK's export.
    assert at.session_state["registry_export"][0] == active_id(sdk)
    assert at.session_state["registry_export"][1][:2] == b"PK"
    assert len(at.get("download_button")) >= 1


def test_past_evaluations_are_listed_and_one_opens(app: AppTest, sdk: DotaPredict) -> None:
    frame = pl.read_csv(io.BytesIO(sdk.sample_csv())).tail(150)
    report = sdk.evaluate(frame, include_training_matches=True)
    at = open_page(app, "models")
    assert_clean(at)
    listed = next(
        d.value for d in at.dataframe if "evaluation_id" in getattr(d.value, "columns", [])
    )
    assert report.evaluation_id in set(listed["evaluation_id"])
    at.selectbox(key="registry_eval_open").set_value(report.evaluation_id).run()
    assert_clean(at)
    assert any(report.dataset_sha256 in c for c in texts(at.caption)), texts(at.caption)


def test_the_training_curve_of_the_selected_model_is_shown(app: AppTest, sdk: DotaPredict) -> None:
    curve = (sdk.model_info(active_id(sdk)).to_dict()["evaluation"] or {})["training_curve"]
    at = open_page(app, "models")
    assert_clean(at)
    notes = [c for c in texts(at.caption) if "before calibration" in c]
    assert notes and f"{curve['n_holdout']:,} holdout matches" in notes[0], texts(at.caption)
    assert "solver converged" in notes[0]  # the default model is a logistic regression


def test_a_backtest_offers_its_per_match_predictions(app: AppTest, sdk: DotaPredict) -> None:
    from streamlit_app.backtest_view import BACKTEST_KEY, per_match_csv

    model_id = active_id(sdk)
    at = open_page(app, "models")
    at.multiselect(key="backtest_models").set_value([model_id])
    at.button(key="backtest_button").click().run(timeout=300)
    assert_clean(at)
    report = at.session_state[BACKTEST_KEY]
    rows = pl.read_csv(io.BytesIO(per_match_csv(report["results"])))
    # One row per match of the bundled sample, in file order, for the one model chosen.
    assert rows.height == report["n_matches"] and set(rows["model_id"]) == {model_id}
    assert rows.columns[:4] == ["model_id", "match_id", "walk_forward", "frozen"]
    assert rows["walk_forward"].is_between(0, 1).all() and rows["in_training"].all()
    assert len(at.get("download_button")) >= 1


def test_the_holdout_predictions_are_offered_per_match(app: AppTest, sdk: DotaPredict) -> None:
    model_id = active_id(sdk)
    at = open_page(app, "models")
    at.button(key="registry_holdout_button").click().run()
    assert_clean(at)
    chosen, data = at.session_state["registry_holdout"]
    rows = pl.read_csv(io.BytesIO(data))
    assert chosen == model_id
    assert rows.height == sdk.model_info(model_id).to_dict()["metrics"]["n_holdout"]
