"""Models page registry panels: search by tag and text, a model's notes, export and import,
and the stored evaluations and backtests. The rules (tag format, limits) are the service's:
a refused value comes back as its 400 message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl
import streamlit as st

from streamlit_app import service

FLASH_KEY = "models_flash"  # the Models page shows and clears this message
EXPORT_KEY = "registry_export"
HOLDOUT_KEY = "registry_holdout"


def _fetched_download(
    where: Any,
    key: str,
    model_id: str,
    fetch: Callable[[str], bytes | None],
    ask: str,
    icon: str,
    label: str,
    file_name: str,
    mime: str,
) -> None:
    """A button that fetches a model's file once, then its download button (the bytes are
    kept for that model only: choosing another model asks again)."""
    if st.session_state.get(key, (None,))[0] == model_id:
        where.download_button(
            label,
            data=st.session_state[key][1],
            file_name=file_name,
            mime=mime,
            icon=":material/download:",
            key=f"{key}_download",
        )
    elif where.button(ask, key=f"{key}_button", icon=icon):
        data = fetch(model_id)
        if data is not None:
            st.session_state[key] = (model_id, data)
            st.rerun()


def search(summaries: list[dict[str, Any]]) -> tuple[list[str], str | None]:
    """Tag and text filters for the model list (the service filters: GET /models/list)."""
    known = sorted({t for m in summaries for t in m.get("tags") or []}, key=str.casefold)
    left, right = st.columns([2, 3])
    tags = left.multiselect(
        "Tags", known, key="registry_tags", placeholder="any tag", disabled=not known
    )
    text = right.text_input(
        "Search", key="registry_text", placeholder="id, type, description or tag"
    )
    return tags, text.strip() or None


def _save_notes(model_id: str) -> None:
    """Form callback: the service checks the tags and description; its message on refusal."""
    description = st.session_state.get(f"notes_description_{model_id}", "")
    raw = st.session_state.get(f"notes_tags_{model_id}", "")
    tags = [t.strip() for t in raw.split(",") if t.strip()]
    saved = service.call(
        "Saving the notes",
        service.client().set_model_metadata,
        model_id,
        description=description,
        tags=tags,
    )
    if saved is not None:
        st.session_state[FLASH_KEY] = f"Notes of `{model_id}` saved."


def notes_panel(info: dict[str, Any]) -> None:
    """Edit the selected model's description and tags."""
    model_id = info["model_id"]
    with (
        st.expander("Description and tags", icon=":material/sell:"),
        st.form(f"notes_{model_id}", border=False),
    ):
        st.text_area(
            "Description", value=info.get("description") or "", key=f"notes_description_{model_id}"
        )
        st.text_input(
            "Tags (comma-separated)",
            value=", ".join(info.get("tags") or []),
            key=f"notes_tags_{model_id}",
        )
        st.form_submit_button(
            "Save notes", on_click=_save_notes, args=(model_id,), icon=":material/save:"
        )


def transfer_panel(info: dict[str, Any]) -> None:
    """Download the selected model (model card + artifact) to import into another instance."""
    model_id = info["model_id"]
    with st.expander("Export / import", icon=":material/swap_horiz:"):
        left, right = st.columns(2)
        left.markdown("**Export this model**")
        if info["status"] != "ready":
            left.info("Only trained models can be exported.")
        else:
            _fetched_download(
                left,
                EXPORT_KEY,
                model_id,
                lambda m: service.call("Exporting the model", service.client().export_model, m),
                "Prepare export",
                ":material/archive:",
                "Download zip",
                f"{model_id}.zip",
                "application/zip",
            )
        right.markdown("**Import a model**")
        upload = right.file_uploader(
            "Exported zip",
            type=["zip"],
            key="registry_import_file",
            help=service.upload_help("the zip from Export"),
        )
        new_id = right.text_input("Model id (default: the exported one)", key="registry_import_id")
        if right.button(
            "Import", disabled=upload is None, key="registry_import", icon=":material/upload:"
        ):
            assert upload is not None
            imported = service.call(
                "Importing the model",
                service.client().import_model,
                upload.getvalue(),
                model_id=new_id.strip() or None,
            )
            if imported is not None:
                st.session_state[FLASH_KEY] = (
                    f"Model `{imported.model_id}` imported (not active); its predictions equal "
                    "the exporting instance's."
                )
                st.rerun()


def _rows(evaluations: list[Any]) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "evaluation_id": e.evaluation_id,
                "kind": e.kind,
                "created_at": e.created_at.strftime("%Y-%m-%d %H:%M"),
                "file": e.filename,
                "matches": e.n_matches,
                "models": ", ".join(m.model_id for m in e.models),
                "sha256": e.dataset_sha256[:12],
            }
            for e in evaluations
        ],
        schema_overrides={"matches": pl.Int64},
    )


def evaluations_panel() -> None:
    """Past evaluations and backtests; one of them whole (its scores per model)."""
    st.subheader("Past evaluations and backtests")
    kind = st.segmented_control(
        "Kind", ["any", "evaluation", "backtest"], default="any", key="registry_eval_kind"
    )
    evaluations = service.call(
        "Listing evaluations", service.client().evaluations, kind=kind or "any", limit=100
    )
    if not evaluations:
        st.info("No stored evaluations yet: compare models or run a backtest above.")
        return
    st.dataframe(_rows(evaluations), hide_index=True)
    chosen = st.selectbox("Open", [e.evaluation_id for e in evaluations], key="registry_eval_open")
    report = service.call("Reading the evaluation", service.client().evaluation, chosen)
    if report is None:
        return
    st.caption(
        f"{report.filename} · {report.n_matches:,} matches · SHA-256 {report.dataset_sha256} · "
        f"active then: {report.active_model_id or 'none'}"
    )
    st.dataframe(
        [
            {
                "model": r.get("model_id"),
                "mode": r.get("mode"),
                "scored": r.get("n_scored"),
                "training matches left out": r.get("n_training_matches"),
                "log-loss": r.get("log_loss"),
                "AUC": r.get("roc_auc"),
                "accuracy": r.get("accuracy"),
                "Brier": r.get("brier"),
                "ECE": r.get("ece"),
            }
            for r in report.to_dict()["results"]
        ],
        hide_index=True,
    )


def holdout_download(info: dict[str, Any]) -> None:
    """The model's prediction of each holdout match, fetched on request, offered as CSV."""
    model_id = info["model_id"]
    if info["status"] != "ready":
        return
    _fetched_download(
        st,
        HOLDOUT_KEY,
        model_id,
        lambda m: service.call(
            "Reading the holdout predictions", service.client().holdout_predictions, m
        ),
        "Per-match holdout predictions",
        ":material/table:",
        "Download holdout predictions (CSV)",
        f"{model_id}-holdout.csv",
        "text/csv",
    )
