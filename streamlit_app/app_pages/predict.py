"""Predict: one draft (with optional players and explanation) or a whole CSV file."""

import streamlit as st

from dota_predict_sdk import ApiError
from streamlit_app import prediction_views, service
from streamlit_app.draft_panel import draft_panel
from streamlit_app.results_panel import results_upload

BATCH_KEY = "predict_batch"


def batch_file(source: str) -> tuple[str, bytes] | None:
    """(name, bytes) of the file to predict: the service's sample or an upload (None yet)."""
    if source == "Bundled sample":
        return "sample_matches.csv", service.sample_csv()
    upload = st.file_uploader(
        "Matches to predict (.csv or .csv.gz)",
        type=["csv", "gz"],
        key="batch_upload",
        max_upload_size=service.upload_limit_mb(),
        help=service.upload_help("Read by the service, never by this page."),
    )
    return (upload.name, upload.getvalue()) if upload else None


st.title("Predict")
models = service.require("Listing the models", service.client().list_models)
ready = [m.model_id for m in models if m.status == "ready"]
active = next((m.model_id for m in models if m.is_active), None)
if not ready:
    st.info(
        "No trained model yet: train one on the Train page (the default model appears shortly)."
    )
    st.stop()
model_id = st.selectbox(
    "Model",
    [None, *ready],
    format_func=lambda m: f"Active model ({active or 'none'})" if m is None else m,
    key="predict_model",
)
if model_id is None and active is None:
    st.warning("No model is active: choose one above or activate one on the Models page.")
    st.stop()

single, batch = st.tabs(["One draft", "A CSV file"])
with single:
    names = service.hero_names(service.require("Loading the heroes", service.heroes))
    try:
        known, pros, total = service.known_players(model_id or active)
    except ApiError as exc:
        st.warning(f"Known players are unavailable. {service.describe(exc)}")
        known, pros, total = [], {}, 0
    draft_panel(names, known, pros, total, model_id)

with batch:
    source = st.radio(
        "File", ["Upload a CSV", "Bundled sample"], horizontal=True, key="batch_source"
    )
    file = batch_file(source)
    st.caption(
        "If the file has `radiant_win`, the service also reports how good the predictions were. "
        "The bundled sample is part of the service's default training data, so its scores there "
        "are in-sample (optimistic)."
    )
    if st.button("Predict file", type="primary", disabled=file is None, key="batch_button"):
        assert file is not None
        with st.spinner("Predicting…"):
            found = service.call(
                "Predicting the file", service.client().predict_csv, file[1], model_id=model_id
            )
        if found is not None:
            st.session_state[BATCH_KEY] = (file[0], found.to_dict())
    saved_batch = st.session_state.get(BATCH_KEY)
    if file is not None and saved_batch and saved_batch[0] == file[0]:
        prediction_views.file_result(saved_batch[1], file[0], None)

results_upload("predict_results")
