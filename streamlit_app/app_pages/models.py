"""Models: every model with its holdout metrics, a comparison, details, and activation."""

import polars as pl
import streamlit as st

from streamlit_app import (
    backtest_view,
    lifecycle_views,
    model_charts,
    model_views,
    registry_views,
    service,
)
from streamlit_app.model_views import metric_cards, models_table, name_value_rows, readable

FLASH_KEY = "models_flash"


def activate(model_id: str) -> None:
    """Button callback: runs before the page, so the page already shows the new active model."""
    if service.call("Activating the model", service.client().activate, model_id) is not None:
        st.session_state[FLASH_KEY] = f"Model `{model_id}` is now active and serves predictions."


st.title("Models")
if message := st.session_state.pop(FLASH_KEY, None):
    st.success(message, icon=":material/check_circle:")

everything = service.require("Listing the models", service.client().list_models)
if not everything:
    st.info("No models yet: train one on the Train page.")
    st.stop()
tags, text = registry_views.search([m.to_dict() for m in everything])
summaries = (
    service.require("Searching the models", service.client().list_models, tags, text)
    if tags or text
    else everything
)
if not summaries:
    st.info("No model has these tags and this text.")
    st.stop()
table = models_table([m.to_dict() for m in summaries])
st.dataframe(
    model_views.display_table(table.drop("baseline_brier", "n_train")),
    hide_index=True,
    column_config={
        "model_id": "Model id",
        "model_type": "Model type",
        "status": "Status",
        "active": "Active",
        "created_at": "Created (UTC)",
        "tags": "Tags",
        "roc_auc": "AUC",
        "log_loss": "Log-loss",
        "accuracy": "Accuracy",
        "brier": "Brier",
        "ece": "ECE",
        "baseline_roc_auc": "Baseline AUC",
        "baseline_log_loss": "Baseline log-loss",
        "baseline_accuracy": "Baseline accuracy",
        "n_holdout": "Holdout matches",
    },
)

ready = table.filter((pl.col("status") == "ready") & pl.col("roc_auc").is_not_null())
if ready.height:
    st.subheader("Comparison on each model's time-ordered holdout")
    for column, figure in zip(st.columns(3), model_charts.model_comparison(ready), strict=True):
        column.plotly_chart(figure)
    st.caption("The active model is green; orange crosses mark each model's baseline.")

st.subheader("Model detail")
ids = table["model_id"].to_list()
active = set(table.filter(pl.col("active"))["model_id"].to_list())
chosen = st.selectbox(
    "Model",
    ids,
    index=ids.index(next(iter(active))) if active else 0,
    format_func=lambda m: f"{m} (active)" if m in active else m,
    key="models_detail",
)
info = service.require("Reading the model", service.client().model_info, chosen).to_dict()
head, button = st.columns([4, 1])
dataset = info.get("dataset") or {}
fit = f"{info['fit_seconds']:.1f} s" if info.get("fit_seconds") else "n/a"
head.markdown(
    f"**{info['model_type']}** · status **{info['status']}** · fit {fit} · "
    f"data: {dataset.get('filename', 'n/a')} ({dataset.get('n_matches', 0):,} matches)"
)
button.button(
    "Active" if info["is_active"] else "Activate",
    type="primary",
    disabled=info["is_active"] or info["status"] != "ready",
    on_click=activate,
    args=(chosen,),
    key="models_activate",
    icon=":material/bolt:",
    width="stretch",
)
metric_cards(info.get("metrics"))

evaluation = info.get("evaluation") or {}
curves, learning, importances, settings = st.tabs(
    ["Holdout curves", "Training curve", "Feature importances", "Hyperparameters & training"]
)
with curves:
    left, right = st.columns(2)
    if curve := evaluation.get("roc_curve"):
        auc = (info.get("metrics") or {}).get("roc_auc")
        left.plotly_chart(model_charts.roc_curve(curve["fpr"], curve["tpr"], auc))
    else:
        left.info("No ROC curve stored for this model.")
    if bins := (evaluation.get("calibration") or {}).get("bins"):
        right.plotly_chart(model_charts.calibration(bins))
    else:
        right.info("No calibration data stored for this model.")
    registry_views.holdout_download(info)
with learning:
    if curve := evaluation.get("training_curve"):
        baseline = ((info.get("metrics") or {}).get("baseline") or {}).get("log_loss")
        st.plotly_chart(model_charts.training_curve(curve, baseline))
        note = (
            f"Scored on the latest {curve['n_train_scored']:,} training rows and "
            f"{curve['n_holdout']:,} holdout matches, before calibration."
        )
        if "converged" in curve:
            note += (
                f" The solver {'converged' if curve['converged'] else 'stopped unconverged'} "
                f"after {curve['iterations'][-1]} of at most {curve['max_iter']} iterations."
            )
        st.caption(note)
    else:
        st.info("No training curve stored for this model (trained before curves existed).")
with importances:
    if items := info.get("feature_importances"):
        st.plotly_chart(model_charts.importances(items))
    else:
        st.info("This model has no feature importances.")
with settings:
    left, right = st.columns(2)
    left.markdown("**Hyperparameters**")
    left.dataframe(
        [{"name": k, "value": readable(v)} for k, v in (info.get("hyperparameters") or {}).items()],
        hide_index=True,
    )
    right.markdown("**Training summary**")
    right.dataframe(name_value_rows(info.get("training_summary") or {}), hide_index=True)

registry_views.notes_panel(info)
registry_views.transfer_panel(info)
lifecycle_views.delete_panel(info)
st.divider()
lifecycle_views.compare_panel(
    table.filter(pl.col("status") == "ready")["model_id"].to_list(), next(iter(active), None)
)
backtest_view.backtest_panel(table.filter(pl.col("status") == "ready")["model_id"].to_list())
st.divider()
registry_views.evaluations_panel()
st.divider()
lifecycle_views.history_panel()
