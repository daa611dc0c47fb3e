"""Data & EDA: choose a stored dataset (or upload one) and explore it; the service computes."""

import streamlit as st

from dota_predict_sdk import ApiError
from streamlit_app import datasets, eda_views, import_wizard, player_view, service, sync_panel

st.title("Data & EDA")
st.caption(
    "One row per match (`match_id, radiant_win, radiant_hero_1..5, dire_hero_1..5`, optional "
    "`start_time`, `radiant_account_id_1..5`, `dire_account_id_1..5`) or one row per "
    "player (`match_id, account_id, hero_id, is_radiant | player_slot, radiant_win | win`)."
)

left, right = st.columns([3, 2])
with right:
    datasets.uploader("data_upload", "data_dataset")
    st.download_button(
        "Download the bundled sample (CSV)",
        data=service.sample_csv,
        file_name="sample_matches.csv",
        mime="text/csv",
        icon=":material/download:",
        key="data_sample",
        help="The service's bundled pro matches (GET /api/v1/data/sample); licences per source "
        "in backend/resources/PROVENANCE.md.",
    )
with left:
    chosen = datasets.choose("data_dataset")
    datasets.manage_panel(chosen, "data_dataset")
with st.expander("Import wizard: files in other formats", icon=":material/table_convert:"):
    import_wizard.import_wizard("data_dataset")
with st.expander("OpenDota sync", icon=":material/sync:"):
    sync_panel.sync_panel()

try:
    facts = eda_views.info(service.base_url(), chosen.dataset_id)
except ApiError as exc:
    st.error(f"**Reading {chosen.filename} failed.** {service.describe(exc)}")
    st.stop()
size = f" · {facts['size_bytes'] / 1e6:.1f} MB" if facts["size_bytes"] else ""
st.caption(
    f"**{datasets.label(chosen)}**{size} · stored {facts['created_at'][:16].replace('T', ' ')} UTC"
    f" · id `{chosen.dataset_id}`"
)

overview, heroes, pairs, players = st.tabs(["Overview", "Heroes", "Pairs & counters", "Players"])
with overview:
    eda_views.overview(facts)
with heroes:
    eda_views.heroes(facts)
with pairs:
    eda_views.hero_pairs(facts)
with players:
    player_view.players(facts)
