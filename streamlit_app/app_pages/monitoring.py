"""Monitoring: a model's scored predictions against its holdout, drift, and calibration."""

from typing import Literal

import streamlit as st

from streamlit_app import model_charts, monitoring_charts, service
from streamlit_app.model_views import display_table
from streamlit_app.monitoring_views import WINDOWS, windows_table
from streamlit_app.results_panel import results_upload

Colour = Literal["green", "orange", "red", "gray"]
# Verdicts in words; the exact rule is in the "How the drift verdict is decided" expander.
BADGE: dict[str | None, tuple[str, Colour, str]] = {
    "ok": ("as good as its holdout", "green", ":material/check_circle:"),
    "watch": ("a little worse than its holdout", "orange", ":material/visibility:"),
    "degraded": ("clearly worse than its holdout", "red", ":material/warning:"),
    None: ("not enough results yet", "gray", ":material/hourglass_empty:"),
}
PSI_WORDS = {
    "stable": "picks look like the training data",
    "moderate": "picks differ somewhat from training",
    "major": "picks differ a lot from training",
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
noise = drift.get("hero_pick_psi_noise")
n_picks = drift.get("n_recent_picks") or 0
psi.metric(
    f"Hero pick PSI (n = {drift['n_recent']:,} predictions)",
    "n/a" if psi_value is None else f"{psi_value:.3f}",
    PSI_WORDS.get(drift.get("hero_pick_psi_level") or "") or None,
    delta_color="off",
    help=(
        f"How far the hero pick shares of the latest {drift['n_recent']:,} predictions "
        f"({n_picks:,} picks) are from the training data's"
        + ("" if noise is None else f"; sampling alone reaches {noise:.3f} at this size")
        + ". Details below."
    ),
)
with st.expander("How the drift verdict is decided"):
    st.markdown(
        "**Quality.** Once at least 30 predictions of a window have their result, the window's "
        "log-loss is compared with the model's holdout log-loss. *As good as its holdout*: "
        "not significantly worse (one-sided 95 % bootstrap). *A little worse*: significantly "
        "worse, by at most 0.05. *Clearly worse*: worse by more than 0.05 — from a typical "
        "holdout of 0.65 that is worse than a coin flip (0.693).\n\n"
        "**Hero picks.** The population-stability index (PSI) of hero pick shares, recent "
        "predictions against the training data. Small samples make it large by chance alone, "
        "so it is read against what chance gives at the same number of picks"
        + ("" if noise is None else f" ({noise:.3f} here, exceeded by chance 1 % of the time)")
        + ": within that (or below 0.1) the picks look like the training data; beyond it, up "
        "to 0.25 they differ somewhat, above 0.25 a lot."
    )
    with st.popover("The exact rule (as the service states it)"):
        st.markdown(data["drift_rule"])
ledger = data["ledger"]
if not ledger["recording"]:
    st.warning("This API process does not record predictions (APP_LEDGER_ENABLED=false).")
elif ledger["dropped"]:
    st.warning(f"{ledger['dropped']:,} predictions were not recorded (ledger buffer full).")

results_upload("monitoring_results")
