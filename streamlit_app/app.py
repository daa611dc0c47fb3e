"""Entry point: `streamlit run streamlit_app/app.py`; pages live in app_pages/."""

from __future__ import annotations

import sys
from pathlib import Path

# `streamlit run` puts only this folder on sys.path; the pages import `streamlit_app.*`.
_REPO_ROOT = str(Path(__file__).resolve().parents[1])
if _REPO_ROOT not in sys.path:
    sys.path.insert(0, _REPO_ROOT)

import streamlit as st  # noqa: E402

from streamlit_app.sidebar import service_panel  # noqa: E402

st.set_page_config(page_title="Dota 2 win prediction", page_icon=":material/swords:", layout="wide")
pages = [
    st.Page("app_pages/data.py", title="Data & EDA", icon=":material/analytics:", default=True),
    st.Page("app_pages/train.py", title="Train", icon=":material/model_training:"),
    st.Page("app_pages/models.py", title="Models", icon=":material/leaderboard:"),
    st.Page("app_pages/predict.py", title="Predict", icon=":material/online_prediction:"),
    st.Page("app_pages/monitoring.py", title="Monitoring", icon=":material/monitor_heart:"),
]
navigation = st.navigation(pages)
with st.sidebar:
    service_panel()
navigation.run()
