"""Data & EDA: load a match file (upload or the bundled sample) and explore it."""

import streamlit as st

from streamlit_app import eda_views, match_store, player_view, service
from streamlit_app.matches import MatchFileError

st.title("Data & EDA")
st.caption(
    "One row per match (`match_id, radiant_win, radiant_hero_1..5, dire_hero_1..5`, optional "
    "`start_time`, `radiant_account_id_1..5`, `dire_account_id_1..5`, `duration`) or one row per "
    "player (`match_id, account_id, hero_id, is_radiant | player_slot, radiant_win | win`)."
)

source = st.radio("Matches", ["Bundled sample", "Upload a CSV"], horizontal=True, key="eda_source")
if source == "Upload a CSV":
    upload = st.file_uploader("Match CSV (.csv or .csv.gz)", type=["csv", "gz"], key="eda_upload")
    if upload is None:
        st.info("Choose a file to explore, or switch to the bundled sample.")
        st.stop()
    file = match_store.MatchFile.of(upload.name, upload.getvalue())
else:
    file = match_store.sample()
match_store.set_current(file)

table = service.hero_table()
lookup = match_store.hero_lookup(table)
try:
    loaded = match_store.parsed(file.digest, len(lookup), file, lookup)
except MatchFileError as exc:
    st.error(f"**Cannot read {file.name}.** {exc}")
    st.stop()
skipped = f" · {loaded.skipped:,} incomplete or repeated matches skipped" if loaded.skipped else ""
st.caption(f"**{file.name}** · {loaded.layout} · {loaded.frame.height:,} matches{skipped}")

data = eda_views.Explored(loaded, file.digest, service.hero_names(table))
overview, heroes, pairs, players = st.tabs(["Overview", "Heroes", "Pairs & counters", "Players"])
with overview:
    eda_views.overview(data)
with heroes:
    eda_views.heroes(data)
with pairs:
    eda_views.pairs(data)
with players:
    player_view.players(data)
