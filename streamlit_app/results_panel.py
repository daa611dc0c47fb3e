"""A small panel that posts a file of match results (used by the Predict and Monitoring pages)."""

from __future__ import annotations

import streamlit as st

from streamlit_app import service


def results_upload(key: str) -> None:
    """Upload a results CSV; every model rolls forward and its predictions get scored."""
    with st.expander("Post match results", icon=":material/upload_file:"):
        st.caption(
            "A match CSV with `radiant_win` (either accepted format). Each match is stored once; "
            "every model's player ratings roll forward with the results after its training "
            "data, and recorded predictions of these matches are scored (Monitoring page)."
        )
        upload = st.file_uploader("Results file", type=["csv", "gz"], key=f"{key}_file")
        if st.button("Post results", key=f"{key}_button", disabled=upload is None):
            done = service.call("Posting the results", service.client().ingest_results, upload)
            if done is not None:
                st.success(
                    f"{done.ingested:,} new results stored, {done.duplicates:,} already known; "
                    f"{done.predictions_scored:,} predictions scored.",
                    icon=":material/check_circle:",
                )
                st.dataframe(
                    [
                        {
                            "model": m.model_id,
                            "ratings as of match": m.ratings_as_of.match_id
                            if m.ratings_as_of
                            else None,
                            "results applied": m.results_applied,
                            "skipped (older than training)": m.skipped_older,
                        }
                        for m in done.models_updated
                    ],
                    hide_index=True,
                )
