"""Monitoring: a model's scored predictions against its holdout, drift, and calibration."""

from typing import Literal

import streamlit as st

from streamlit_app import model_charts, monitoring_charts, service
from streamlit_app.model_views import display_table
from streamlit_app.monitoring_views import WINDOWS, windows_table
from streamlit_app.results_panel import results_upload

Colour = Literal["green", "orange", "red", "gray"]
BADGE: dict[str | None, tuple[str, Colour, str]] = {
    "ok": ("ok", "green", ":material/check_circle:"),
    "watch": ("watch", "orange", ":material/visibility:"),
    "degraded": ("degraded", "red", ":material/warning:"),
    None: ("not enough data", "gray", ":material/hourglass_empty:"),
}

st.title("Monitoring")
models = service.require("Listing the models", service.client().list_models)
ready = [m.model_id for m in models if m.status == "ready"]
active = next((m.model_id for m in models if m.is_active), None)
if not ready:
    st.info("No trained model yet: train one on the Train page.")
    st.stop()
model_id = st.selectbox(
    "Model",
    ready,
    index=ready.index(active) if active in ready else 0,
    format_func=lambda m: f"{m} (active)" if m == active else m,
    key="monitoring_model",
)
report = service.require("Reading the monitoring report", service.client().monitoring, model_id)
data = report.to_dict()
holdout = data.get("holdout") or {}

served, scored, *badges = st.columns(5)
served.metric("Predictions served", f"{data['served']:,}")
scored.metric("Scored (result known)", f"{data['scored']:,}")
for column, (key, title) in zip(badges, WINDOWS, strict=True):
    window = data["windows"][key]
    label, colour, icon = BADGE[window.get("drift")]
    column.markdown(f"**{title}** ({window['n']:,})")
    column.badge(label, color=colour, icon=icon)

# Numbers as text, "n/a" where a window has no data yet (as on the Models page).
st.dataframe(display_table(windows_table(data)), hide_index=True)

if data["scored"] == 0:
    st.info(
        "No prediction of this model has been scored yet. Predict matches (with a match id: "
        "every CSV row has one), then post their results below."
    )
else:
    left, right = st.columns(2)
    rolling = data["rolling"]
    left.plotly_chart(
        monitoring_charts.rolling_quality(rolling["points"], rolling["window"], holdout)
    )
    right.plotly_chart(
        model_charts.calibration(data["calibration"]["bins"], title="Calibration (scored)")
    )

st.subheader("Input drift")
drift = data["input_drift"]
players, heroes, psi = st.columns(3)


def share(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


players.metric(
    "Unknown players (recent)",
    share(drift["unknown_player_share"]["recent"]),
    help=f"Training: {share(drift['unknown_player_share']['training'])}",
)
heroes.metric(
    "Unknown heroes (recent)",
    share(drift["unknown_hero_share"]["recent"]),
    help="Heroes absent from the training data (0 % there by definition).",
)
psi_value = drift.get("hero_pick_psi")
psi.metric(
    "Hero pick PSI",
    "n/a" if psi_value is None else f"{psi_value:.3f}",
    drift.get("hero_pick_psi_level") or None,
    delta_color="off",
    help=f"Training vs the latest {drift['n_recent']:,} predictions; < 0.1 stable, > 0.25 major.",
)
with st.expander("How the drift verdict is decided"):
    st.markdown(data["drift_rule"])
ledger = data["ledger"]
if not ledger["recording"]:
    st.warning("This API process does not record predictions (APP_LEDGER_ENABLED=false).")
elif ledger["dropped"]:
    st.warning(f"{ledger['dropped']:,} predictions were not recorded (ledger buffer full).")

results_upload("monitoring_results")
