"""Predict page, one draft: a fragment, so a pick reruns only the draft, never the whole page.

A complete draft is predicted at once and an incomplete one gets its next-pick suggestions at
once: following a live draft needs no button presses.
"""

from __future__ import annotations

import streamlit as st

from streamlit_app import draft, prediction_views, service, suggest_view

RESULT_KEY = "predict_result"
PLAYERS_HELP = (
    "Optional: the account id of each player (unknown players count as average). Off, the "
    "draft has hero boxes only, the quickest to follow a live draft."
)


@st.fragment
def draft_panel(
    names: dict[int, str],
    known: list[int],
    pros: dict[int, str],
    total: int,
    model_id: str | None,
) -> None:
    """Hero and player slots, the prediction of a complete draft, suggestions for an open one."""
    left, right, _ = st.columns([1, 1, 4])
    left.button(
        "Random draft",
        on_click=draft.randomize,
        args=(list(names),),
        key="draft_random",
        icon=":material/casino:",
    )
    right.button("Clear", on_click=draft.clear, key="draft_clear", icon=":material/clear_all:")
    options, _ = st.columns([2, 3])
    with_players = options.toggle("Players", key="draft_players", help=PLAYERS_HELP)
    explain = options.toggle("Explain (top factors)", value=True, key="predict_explain")
    chosen = draft.draft_inputs(names, known, with_players, pros)
    if with_players:
        st.caption(
            f"The model knows {total:,} account ids and the lists offer the {len(known):,} with "
            "the most games (pros by name, as OpenDota lists them); type any other id. Unknown "
            "players count as average."
        )
    request = (str(chosen), model_id, explain)
    pressed = st.button(
        "Predict",
        type="primary",
        disabled=not chosen.complete,
        key="predict_button",
        icon=":material/online_prediction:",
    )
    saved = st.session_state.get(RESULT_KEY)
    if chosen.complete and (pressed or not saved or saved[0] != request):
        result = service.call(
            "Predicting",
            service.client().predict,
            radiant=chosen.picks("radiant"),
            dire=chosen.picks("dire"),
            model_id=model_id,
            explain=explain,
        )
        if result is not None:
            st.session_state[RESULT_KEY] = saved = (request, result.to_dict())
    if not chosen.complete:
        st.caption("Pick five heroes for each side to predict.")
        suggest_view.suggest_panel(chosen, names, model_id)
    if saved and saved[0] == request:
        prediction_views.draft_result(saved[1])
