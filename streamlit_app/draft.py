"""Draft inputs: five hero slots per side (no hero twice), each with an optional player."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st

from streamlit_app import service

SIDES = ("radiant", "dire")
TEAM_SIZE = 5
SLOTS = [(side, slot) for side in SIDES for slot in range(TEAM_SIZE)]


def hero_key(side: str, slot: int) -> str:
    return f"draft_{side}_hero_{slot}"


def account_key(side: str, slot: int) -> str:
    return f"draft_{side}_account_{slot}"


@dataclass(frozen=True)
class Draft:
    """The chosen heroes and account ids, in slot order; None = not chosen / unknown."""

    heroes: dict[str, list[int | None]]
    accounts: dict[str, list[int | None]]

    @property
    def complete(self) -> bool:
        return all(h is not None for side in SIDES for h in self.heroes[side])

    def picks(self, side: str) -> list[tuple[int, int | None]]:
        """(hero, account) pairs for the SDK's predict()."""
        return [(h, a) for h, a in zip(self.heroes[side], self.accounts[side], strict=True) if h]


def randomize(hero_ids: Sequence[int]) -> None:
    """Button callback: a random legal draft (players are kept)."""
    for (side, slot), hero in zip(SLOTS, random.sample(list(hero_ids), len(SLOTS)), strict=True):
        st.session_state[hero_key(side, slot)] = hero


def clear() -> None:
    """Button callback: empty every hero and player slot."""
    for side, slot in SLOTS:
        st.session_state[hero_key(side, slot)] = None
        st.session_state[account_key(side, slot)] = None


def _account(value: int | str | None) -> int | None:
    if value is None or str(value).strip() == "":
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        st.warning(f"{value!r} is not an account id (a number); it is ignored.")
        return None


def draft_inputs(
    names: dict[int, str],
    known_accounts: list[int],
    with_players: bool = True,
    pros: dict[int, str] | None = None,
) -> Draft:
    """Radiant and Dire side by side; a hero taken in one slot is offered in no other slot.

    Players show as "Name (account_id)" when the service has the pro's name (pros).

    Without players only the ten hero boxes are drawn: the player lists hold thousands of ids
    each, and sending them again on every pick is most of a pick's time in a live draft.
    """
    ids = sorted(names, key=lambda h: names[h])
    pros = pros or {}
    chosen = {key: st.session_state.get(hero_key(*key)) for key in SLOTS}
    heroes: dict[str, list[int | None]] = {side: [] for side in SIDES}
    accounts: dict[str, list[int | None]] = {side: [] for side in SIDES}
    for side, column in zip(SIDES, st.columns(2, gap="large"), strict=True):
        column.markdown(f"**{side.title()}**")
        for slot in range(TEAM_SIZE):
            taken = {h for key, h in chosen.items() if h is not None and key != (side, slot)}
            hero_col, player_col = column.columns(2) if with_players else (column, None)
            heroes[side].append(
                hero_col.selectbox(
                    f"{side.title()} hero {slot + 1}",
                    [h for h in ids if h not in taken],
                    index=None,
                    format_func=lambda h: names.get(h, f"hero {h}"),
                    placeholder="type a hero name",
                    label_visibility="collapsed",
                    key=hero_key(side, slot),
                )
            )
            if player_col is None:
                accounts[side].append(None)
                continue
            accounts[side].append(
                _account(
                    player_col.selectbox(
                        f"{side.title()} player {slot + 1}",
                        known_accounts,
                        index=None,
                        format_func=lambda a: service.player_label(a, pros),
                        placeholder="player (optional)",
                        accept_new_options=True,
                        label_visibility="collapsed",
                        key=account_key(side, slot),
                    )
                )
            )
    return Draft(heroes, accounts)
