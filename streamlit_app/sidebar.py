"""Sidebar: where the service is, and a live health badge."""

from __future__ import annotations

import streamlit as st

from dota_predict_sdk import ApiError
from streamlit_app import service

HEALTH_REFRESH_SECONDS = 10


@st.fragment(run_every=HEALTH_REFRESH_SECONDS)
def health_badge() -> None:
    """Service status, version and active model, refreshed on its own."""
    try:
        health = service.client().health()
    except ApiError as exc:
        st.error(service.describe(exc), icon=":material/cloud_off:")
        return
    parts = health.components.to_dict()
    text = f"Service **{health.status}** · v{health.version}"
    if health.status == "ok":
        st.success(text, icon=":material/cloud_done:")
    else:
        details = ", ".join(f"{name}: {state}" for name, state in parts.items())
        st.warning(f"{text} ({details})", icon=":material/warning:")
    st.caption(f"Active model: `{health.active_model_id or 'none yet'}`")


def service_panel() -> None:
    """The service URL (editable only if DOTA_PREDICT_UI_ALLOW_URL_CHANGE=true) and health."""
    if service.url_change_allowed():
        if service.URL_KEY not in st.session_state:
            st.session_state[service.URL_KEY] = service.default_url()
        st.text_input(
            "Service URL",
            key=service.URL_KEY,
            help="Base URL of the prediction API; the default comes from $DOTA_PREDICT_URL.",
        )
    else:
        st.caption(f"Service: `{service.base_url()}`")
    health_badge()
