"""Choosing a stored dataset or uploading a new one; the choice lives in the URL (?dataset=)."""

from __future__ import annotations

import streamlit as st

from dota_predict_sdk import ApiError, DatasetSummary
from streamlit_app import service

QUERY = "dataset"
DEFAULT_ID = "default"
_LAST = "dataset_last"  # survives page switches, which clear the URL's query
_ERROR = "dataset_upload_error"


def label(dataset: DatasetSummary) -> str:
    """'name · 1,234 matches' (the bundled set gets a friendly name)."""
    name = "Bundled pro matches" if dataset.dataset_id == DEFAULT_ID else dataset.filename
    return f"{name} · {dataset.n_matches:,} matches"


def remember(dataset_id: str) -> None:
    """Make dataset_id the current choice in the URL and across pages."""
    st.query_params[QUERY] = dataset_id
    st.session_state[_LAST] = dataset_id


def _on_upload(upload_key: str, select_key: str) -> None:
    upload = st.session_state.get(upload_key)
    if upload is None:
        return
    try:
        info = service.client().upload_dataset(upload)
    except ApiError as exc:
        st.session_state[_ERROR] = (upload.name, service.describe(exc))
        return
    st.session_state.pop(_ERROR, None)
    st.session_state[select_key] = info.dataset_id
    remember(info.dataset_id)


def uploader(key: str, select_key: str) -> None:
    """Upload a file: the service validates and stores it, then it becomes the choice."""
    st.file_uploader(
        "Add a match file (.csv or .csv.gz)",
        type=["csv", "gz"],
        key=key,
        on_change=_on_upload,
        args=(key, select_key),
        max_upload_size=service.upload_limit_mb(),
        help=service.upload_help(
            "The service checks the file (the same rules as training and prediction) and keeps "
            "it, under its file name, for every page and later visits."
        ),
    )
    if failed := st.session_state.get(_ERROR):
        st.error(f"**{failed[0]} was not accepted.** {failed[1]}", icon=":material/error:")


def choose(key: str, title: str = "Dataset") -> DatasetSummary:
    """A select box of the stored datasets; the choice goes to the URL and other pages."""
    found = service.require("Listing the datasets", service.client().datasets)
    by_id = {d.dataset_id: d for d in found}
    wanted = st.query_params.get(QUERY) or st.session_state.get(_LAST) or DEFAULT_ID
    if st.session_state.get(key) not in by_id:
        st.session_state[key] = wanted if wanted in by_id else next(iter(by_id))
    chosen = st.selectbox(
        title,
        list(by_id),
        format_func=lambda d: label(by_id[d]),
        key=key,
        help="Files uploaded before (by anyone using this service) and the bundled matches.",
    )
    remember(chosen)
    return by_id[chosen]


@st.cache_data(ttl=3600, show_spinner=False)
def _players(url: str, dataset_id: str) -> int:
    return service.client().dataset_info(dataset_id).n_players


def player_count(dataset_id: str) -> int | None:
    """Distinct known account ids in a stored dataset (None when the service cannot say)."""
    try:
        return _players(service.base_url(), dataset_id)
    except ApiError:
        return None


_FLASH = "dataset_flash"


def _rename(dataset_id: str, name_key: str) -> None:
    """Button callback: runs before the page, so the select box shows the new name."""
    renamed = service.call(
        "Renaming the dataset",
        service.client().rename_dataset,
        dataset_id,
        st.session_state.get(name_key) or "",
    )
    if renamed is not None:
        st.session_state[_FLASH] = f"Renamed to {renamed.filename}."


def _delete(dataset_id: str, select_key: str) -> None:
    """Button callback: delete, then fall back to the bundled dataset."""
    if service.call("Deleting the dataset", service.client().delete_dataset, dataset_id):
        st.session_state[select_key] = DEFAULT_ID
        remember(DEFAULT_ID)
        st.session_state[_FLASH] = f"Dataset `{dataset_id}` was deleted."


def manage_panel(dataset: DatasetSummary, select_key: str) -> None:
    """Rename or delete the chosen upload (the service refuses while a model or job uses it)."""
    if message := st.session_state.pop(_FLASH, None):
        st.success(message, icon=":material/check_circle:")
    if dataset.dataset_id == DEFAULT_ID:
        return
    with st.expander("Rename or delete this dataset", icon=":material/edit:"):
        name_key = f"dataset_name_{dataset.dataset_id}"
        left, right = st.columns([3, 1])
        left.text_input("New name", value=dataset.filename, key=name_key, max_chars=255)
        right.button(
            "Rename",
            key="dataset_rename",
            on_click=_rename,
            args=(dataset.dataset_id, name_key),
            icon=":material/edit:",
        )
        confirm = st.checkbox(
            f"Yes, delete `{dataset.dataset_id}` (refused while a model or a training job uses it)",
            key=f"dataset_delete_confirm_{dataset.dataset_id}",
        )
        st.button(
            "Delete dataset",
            key="dataset_delete",
            disabled=not confirm,
            on_click=_delete,
            args=(dataset.dataset_id, select_key),
            icon=":material/delete_forever:",
        )
