"""Train: choose a model type and hyperparameters, submit, and watch the job."""

import streamlit as st

from streamlit_app import hyperparameters, match_store, service
from streamlit_app.job_view import job_panel

JOB_KEY = "train_job_id"
JOB_COLUMNS = ("job_id", "model_id", "model_type", "status", "progress", "message", "finished_at")
DATA_LABELS = {
    "default": "Bundled dataset on the service",
    "explored": "The file loaded on Data & EDA",
    "upload": "Upload a CSV",
}

st.title("Train a model")
types = service.require("Loading the model types", service.model_types)
by_name = {t["name"]: t for t in types}
default = next((i for i, t in enumerate(types) if t.get("is_default")), 0)
name = st.selectbox(
    "Model type",
    list(by_name),
    index=default,
    format_func=lambda n: by_name[n]["title"],
    key="train_model_type",
)
st.caption(by_name[name]["description"])

explored = match_store.current()
options = ["default", *(["explored"] if explored else []), "upload"]
data_choice = st.radio(
    "Training data",
    options,
    format_func=lambda o: (
        DATA_LABELS[o] + (f" ({explored.name})" if o == "explored" and explored else "")
    ),
    horizontal=True,
    key="train_data",
)
upload = None
if data_choice == "upload":
    upload = st.file_uploader("Match CSV with radiant_win", type=["csv", "gz"], key="train_upload")

with st.form("train_form"):
    st.markdown("**Hyperparameters** (defaults and ranges come from the service)")
    values = hyperparameters.form_fields(by_name[name])
    model_id = st.text_input(
        "Model id (optional)",
        key="train_model_id",
        placeholder="generated when empty",
        help="Letters, digits, '.', '_' and '-', at most 64 characters; must be new.",
    )
    submitted = st.form_submit_button(
        "Train", type="primary", icon=":material/play_arrow:", key="train_submit"
    )

if submitted:
    data: bytes | None = None
    if data_choice == "explored" and explored:
        data = explored.content
    elif data_choice == "upload":
        data = upload.getvalue() if upload else None
    if data_choice == "upload" and data is None:
        st.warning("Choose a CSV file to upload first.")
    else:
        accepted = service.call(
            "Submitting the training job",
            service.client().fit,
            model_type=name,
            hyperparameters=values,
            data=data,
            model_id=model_id.strip() or None,
        )
        if accepted is not None:
            st.session_state[JOB_KEY] = accepted.job_id

if job_id := st.session_state.get(JOB_KEY):
    st.subheader("Training job")
    job_panel(job_id)

with st.expander("Recent training jobs"):
    jobs = service.call("Listing the jobs", service.client().jobs, limit=10)
    if jobs:
        st.dataframe(
            [{k: j.to_dict().get(k) for k in JOB_COLUMNS} for j in jobs],
            hide_index=True,
            column_config={"progress": st.column_config.ProgressColumn(min_value=0, max_value=1)},
        )
