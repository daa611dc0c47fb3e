"""Predict page: the draft helper — the best next heroes for one side, added with one click."""

from __future__ import annotations

import streamlit as st

from streamlit_app import draft, service

RESULT_KEY = "suggest_result"


def _add(side: str, slot: int, hero_id: int) -> None:
    """Button callback: put the hero into the side's first empty slot (before widgets render)."""
    st.session_state[draft.hero_key(side, slot)] = hero_id
    st.session_state.pop(RESULT_KEY, None)  # the draft changed: the ranking is stale


def suggest_panel(chosen: draft.Draft, names: dict[int, str], model_id: str | None) -> None:
    """Rank every hero for the picking side's next slot; one click adds it to the draft."""
    with st.expander("Suggest the next pick", icon=":material/lightbulb:", expanded=True):
        left, middle, right = st.columns([1, 3, 1])
        side = left.radio("Picking side", draft.SIDES, horizontal=True, key="suggest_side")
        taken = {h for s in draft.SIDES for h in chosen.heroes[s] if h is not None}
        bans = middle.multiselect(
            "Bans",
            [h for h in sorted(names, key=lambda h: names[h]) if h not in taken],
            format_func=lambda h: names.get(h, f"hero {h}"),
            key="suggest_bans",
        )
        top_n = right.number_input("How many", 1, 50, 10, key="suggest_top")
        open_slots = [i for i, h in enumerate(chosen.heroes[side]) if h is None]
        if not open_slots:  # that side is complete: the next pick can only be the other's
            full, side = side, next(s for s in draft.SIDES if s != side)
            open_slots = [i for i, h in enumerate(chosen.heroes[side]) if h is None]
            st.caption(f"{full.title()} has five heroes: suggesting {side.title()}'s last picks.")
        slot = open_slots[0]
        request = (str(chosen), side, tuple(bans), int(top_n), model_id)
        saved = st.session_state.get(RESULT_KEY)
        # Live: a new pick (or side, bans, count) ranks again at once; the button re-asks.
        refresh = st.button("Suggest", key="suggest_button", icon=":material/lightbulb:")
        if refresh or not saved or saved[0] != request:
            found = service.call(
                "Suggesting picks",
                service.client().suggest_picks,
                side,
                chosen.picks("radiant"),
                chosen.picks("dire"),
                bans=bans,
                account_id=chosen.accounts[side][slot],
                model_id=model_id,
                top_n=int(top_n),
            )
            if found is not None:
                st.session_state[RESULT_KEY] = saved = (request, found.to_dict())
        if not saved or saved[0] != request:
            st.caption(
                "Ranks every hero the model knows for the next pick of the chosen side. With "
                "slots still open, each probability averages over sampled completions of them."
            )
            return
        result = saved[1]
        picked = len(taken)
        st.markdown(
            f"After {picked} pick{'s' if picked != 1 else ''}: {side.title()} wins now with "
            f"**{result['current_probability']:.1%}** (model `{result['model_id']}`, "
            f"{result['n_completions']} completion(s))"
        )
        for rank, s in enumerate(result["suggestions"], start=1):
            name_col, p_col, add_col = st.columns([3, 2, 1])
            name_col.markdown(f"{rank}. **{s['hero_name']}**")
            p_col.markdown(f"{s['win_probability']:.1%} ({s['delta']:+.1%})")
            add_col.button(
                "Add",
                key=f"suggest_add_{s['hero_id']}",
                on_click=_add,
                args=(side, slot, s["hero_id"]),
                icon=":material/add:",
            )
