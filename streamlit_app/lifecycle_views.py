"""Models page panels: delete with confirmation, common-test-set comparison, promotion, history."""

from __future__ import annotations

import io
from typing import Any

import polars as pl
import streamlit as st

from streamlit_app import lifecycle_charts, service

FLASH_KEY = "models_flash"  # the Models page shows and clears this message
EVAL_KEY = "lifecycle_evaluation"
PROMOTE_KEY = "lifecycle_promotion"
DETAIL_KEY = "models_detail"


def _delete(model_id: str) -> None:
    """Button callback: delete, then forget the selection that pointed at the model."""
    deleted = service.call("Deleting the model", service.client().delete_model, model_id)
    if deleted is not None:
        st.session_state.pop(DETAIL_KEY, None)
        st.session_state[FLASH_KEY] = (
            f"Model `{model_id}` was deleted; its {deleted.jobs_kept} training job(s) stay in "
            "the job history."
        )


def delete_panel(info: dict[str, Any]) -> None:
    """Delete the selected model after an explicit confirmation (never the active one)."""
    model_id = info["model_id"]
    with st.expander("Delete this model", icon=":material/delete:"):
        if info["is_active"]:
            st.info("The active model cannot be deleted: activate another model first.")
            return
        confirm = st.checkbox(
            f"Yes, delete `{model_id}`, its artifact and its players (jobs are kept)",
            key=f"delete_confirm_{model_id}",
        )
        st.button(
            "Delete model",
            type="primary",
            disabled=not confirm,
            on_click=_delete,
            args=(model_id,),
            key="models_delete",
            icon=":material/delete_forever:",
        )


def _interval(values: list[float] | None) -> str:
    return "" if not values else f"[{values[0]:+.4f}, {values[1]:+.4f}]"


def _label(model_id: str, active: str | None, ready: list[str] | None) -> str:
    if model_id == active:
        return f"{model_id} (active)"
    if ready is not None and model_id not in ready:
        return f"{model_id} (deleted)"
    return model_id


def metrics_table(
    results: list[dict[str, Any]], active: str | None = None, ready: list[str] | None = None
) -> pl.DataFrame:
    """One row per model: metrics and the paired differences to the model active when scored.

    Labels follow the service now: "(active)" marks today's active model, "(deleted)" a model
    removed since the evaluation.
    """
    if active is None:
        active = next((r["model_id"] for r in results if r.get("is_active")), None)
    rows = []
    for r in results:
        vs = r.get("vs_active") or {}
        rows.append(
            {
                "model_id": _label(r["model_id"], active, ready),
                "log_loss": r.get("log_loss"),
                "roc_auc": r.get("roc_auc"),
                "accuracy": r.get("accuracy"),
                "brier": r.get("brier"),
                "ece": r.get("ece"),
                "scored": r.get("n_scored"),
                "left out (trained on)": r.get("n_training_matches"),
                "coin-flip log-loss": ((r.get("baselines") or {}).get("coin_flip") or {}).get(
                    "log_loss"
                ),
                "base-rate log-loss": (
                    (r.get("baselines") or {}).get("training_base_rate") or {}
                ).get("log_loss"),
                "Δ log-loss vs active": vs.get("log_loss_diff"),
                "95 % CI (log-loss)": _interval(vs.get("log_loss_ci")),
                "Δ AUC vs active": vs.get("roc_auc_diff"),
                "95 % CI (AUC)": _interval(vs.get("roc_auc_ci")),
            }
        )
    return pl.DataFrame(rows, infer_schema_length=None)


def hyperparameter_diff(infos: list[dict[str, Any]]) -> pl.DataFrame:
    """Hyperparameters (and model type) whose values differ between the models."""
    params = [{"model_type": i["model_type"], **(i.get("hyperparameters") or {})} for i in infos]
    names = sorted({k for p in params for k in p})
    rows = []
    for name in names:
        values = [str(p.get(name, "-")) for p in params]
        if len(set(values)) > 1:
            rows.append(
                {
                    "hyperparameter": name,
                    **dict(zip([i["model_id"] for i in infos], values, strict=True)),
                }
            )
    return pl.DataFrame(rows) if rows else pl.DataFrame({"hyperparameter": []})


SAMPLE_NAME = "bundled_sample_matches.csv"


def _named(content: bytes, name: str) -> io.BytesIO:
    """Bytes with a file name: the service stores it with the evaluation (its evidence)."""
    upload = io.BytesIO(content)
    upload.name = name
    return upload


def test_file(key: str) -> io.BytesIO | None:
    """The labelled file to score on, under its own name: the service's bundled sample or an
    upload (read by the service, never by this page)."""
    source = st.radio(
        "Test file (labelled)", ["Bundled sample", "Upload a CSV"], horizontal=True,
        key=f"{key}_source",
    )  # fmt: skip
    if source == "Bundled sample":
        return _named(service.sample_csv(), SAMPLE_NAME)
    upload = st.file_uploader(
        "Labelled matches (.csv or .csv.gz)",
        type=["csv", "gz"],
        key=f"{key}_upload",
        max_upload_size=service.upload_limit_mb(),
        help=service.upload_help("Read by the service, never by this page."),
    )
    return _named(upload.getvalue(), upload.name) if upload else None


def compare_panel(ready: list[str], active: str | None) -> None:
    """Score chosen models on one labelled file; overlaid curves, table, hyperparameter diff.

    `ready` and `active` are what the service says now: a stored evaluation may name a model
    deleted since, or an active model replaced since (labels follow the service, not the past).
    """
    st.subheader("Compare on a common test set")
    st.caption(
        "Each model's own holdout differs when models were trained on different files. Here every "
        "chosen model (and always the active one) is scored on the same matches; differences to "
        "the active model come with 95 % paired-bootstrap intervals. Each match is predicted "
        "from what was known before it (stored results and the file's earlier matches); "
        "matches a model was trained on are left out of its scores (column 'left out')."
    )
    if "compare_models" in st.session_state:  # a deleted model leaves the choice too
        st.session_state["compare_models"] = [
            m for m in st.session_state["compare_models"] if m in ready
        ]
        default = None
    else:
        default = ready
    chosen = st.multiselect("Models", ready, default=default, key="compare_models")
    file = test_file("compare")
    in_sample = st.checkbox(
        "Include matches a model was trained on (in-sample: optimistic, never promotion evidence)",
        key="compare_in_sample",
    )
    if st.button(
        "Evaluate",
        type="primary",
        disabled=file is None or not chosen,
        key="compare_button",
        icon=":material/balance:",
    ):
        assert file is not None
        with st.spinner("Scoring the models…"):
            found = service.call(
                "Evaluating the models",
                service.client().evaluate,
                file,
                model_ids=chosen,
                include_training_matches=in_sample,
            )
        if found is not None:
            st.session_state[EVAL_KEY] = found.to_dict()
            st.session_state.pop(PROMOTE_KEY, None)
    evaluation = st.session_state.get(EVAL_KEY)
    if not evaluation:
        return
    results = evaluation["results"]
    scored_against = evaluation.get("active_model_id")
    note = "" if scored_against == active else f" (active now: `{active}`)"
    st.markdown(
        f"**{evaluation['n_matches']:,} matches** of {evaluation['filename']} · evaluation "
        f"`{evaluation['evaluation_id']}` · differences are to `{scored_against}`, the model "
        f"active when it was evaluated{note}"
    )
    left, right = st.columns(2)
    left.plotly_chart(lifecycle_charts.roc_overlay(results), key="compare_roc")
    right.plotly_chart(lifecycle_charts.calibration_overlay(results), key="compare_calibration")
    four = st.column_config.NumberColumn(format="%.4f")
    st.dataframe(
        metrics_table(results, active, ready),
        hide_index=True,
        column_config={
            k: four
            for k in (
                "log_loss",
                "roc_auc",
                "accuracy",
                "brier",
                "ece",
                "Δ log-loss vs active",
                "Δ AUC vs active",
            )
        },
    )
    infos = [
        info.to_dict()
        for r in results
        if r["model_id"] in ready
        and (info := service.call("Reading the model", service.client().model_info, r["model_id"]))
    ]
    st.markdown("**Hyperparameters that differ**")
    st.dataframe(hyperparameter_diff(infos), hide_index=True)
    promote_panel(evaluation, active, ready)


def _promote(challenger_key: str, evaluation_id: str) -> None:
    """Button callback: runs before the page, so the table, detail and labels show the outcome."""
    result = service.call(
        "Promoting",
        service.client().promote,
        st.session_state[challenger_key],
        evaluation_id=evaluation_id,
    )
    if result is not None:
        st.session_state[PROMOTE_KEY] = result.to_dict()
        if result.promoted:
            st.session_state.pop(DETAIL_KEY, None)  # the detail shows the new active model


def promote_panel(evaluation: dict[str, Any], active: str | None, ready: list[str]) -> None:
    """Promote a challenger of this evaluation; the service decides by the interval rule."""
    challengers = [
        r["model_id"]
        for r in evaluation["results"]
        if r.get("vs_active") and r["model_id"] != active and r["model_id"] in ready
    ]
    outcome = st.session_state.get(PROMOTE_KEY)
    if challengers:
        left, right = st.columns([3, 1])
        left.selectbox("Challenger", challengers, key="promote_model")
        right.button(
            "Promote if better",
            key="promote_button",
            icon=":material/trophy:",
            on_click=_promote,
            args=("promote_model", evaluation["evaluation_id"]),
        )
    if outcome:
        if outcome["promoted"]:
            st.success(outcome["reason"], icon=":material/trophy:")
        else:
            st.warning(outcome["reason"], icon=":material/block:")
    st.caption(
        "A challenger is activated only when its log-loss is lower than the active model's with "
        "the whole 95 % interval of the difference below zero."
    )


def history_panel() -> None:
    """Every change of the active model, newest first."""
    st.subheader("Activation history")
    history = service.call("Reading the activation history", service.client().activations)
    if not history:
        st.info("No activations recorded yet.")
        return
    st.dataframe(
        pl.DataFrame(
            [
                {
                    "when": str(a.created_at)[:19].replace("T", " "),
                    "who": a.actor,
                    "from": a.previous_model_id or "",
                    "to": a.model_id,
                    "reason": a.reason,
                }
                for a in history
            ]
        ),
        hide_index=True,
    )
