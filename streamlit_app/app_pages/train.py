"""Train: choose a model type, a dataset and hyperparameters, submit, and watch the jobs."""

import streamlit as st

from streamlit_app import datasets, hyperparameters, job_view, service

st.title("Train a model")
types = service.require("Loading the model types", service.model_types)
by_name = {t["name"]: t for t in types}
default = next((i for i, t in enumerate(types) if t.get("is_default")), 0)
hyperparameters.restore_from_url(by_name, "train_model_type")
name = st.selectbox(
    "Model type",
    list(by_name),
    index=None if "train_model_type" in st.session_state else default,
    format_func=lambda n: by_name[n]["title"],
    key="train_model_type",
)
st.caption(by_name[name]["description"])

left, right = st.columns([3, 2])
with right:
    datasets.uploader("train_upload", "train_dataset")
with left:
    chosen = datasets.choose("train_dataset", "Training data")

off = {}
if datasets.player_count(chosen.dataset_id) == 0:
    off["use_player_features"] = "This data has no account ids, so player features are off."
    st.caption(
        f"{datasets.label(chosen)} has no account ids: the model uses heroes only "
        '(player features would all be "unknown").'
    )

with st.form("train_form"):
    st.markdown("**Hyperparameters** (defaults and ranges come from the service)")
    values = hyperparameters.form_fields(by_name[name], off=off)
    model_id = st.text_input(
        "Model id (optional)",
        key="train_model_id",
        placeholder="generated when empty",
        help="Letters, digits, '.', '_' and '-', at most 64 characters; must be new.",
    )
    submitted = st.form_submit_button(
        "Train", type="primary", icon=":material/play_arrow:", key="train_submit"
    )

hyperparameters.keep_in_url(str(name), values)

if submitted:
    accepted = service.call(
        "Submitting the training job",
        service.client().fit,
        model_type=name,
        hyperparameters=values,
        dataset_id=chosen.dataset_id,
        model_id=model_id.strip() or None,
    )
    if accepted is not None:
        job_view.follow(accepted.job_id)

job_view.jobs_panel()
