"""Drafts and CSV files follow the same value rules (one owner: backend.matches.values/heroes)."""

from __future__ import annotations

import pytest

from backend.api.models.drafts import draft_arrays
from backend.api.models.schemas import PlayerPick, PredictRequest
from backend.api.models.serving import draft_frame
from backend.errors import ApiError
from backend.matches import HERO_COLUMNS, MatchDataError, read_matches
from backend.ml.frame import UNKNOWN

STEAM64 = 76561197960265728
HEROES: list[int | str] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]


def via_draft(heroes: list[int | str], account: int | None) -> tuple[list[int], int | None]:
    """(hero ids, radiant_account_id_1) from the predict route's draft, or ApiError."""
    picks = [PlayerPick(hero_id=h) for h in heroes]
    picks[0] = PlayerPick(hero_id=heroes[0], account_id=account)
    row = draft_frame(PredictRequest(radiant=picks[:5], dire=picks[5:])).row(0, named=True)
    return [row[c] for c in HERO_COLUMNS], row["radiant_account_id_1"]


def via_fast_path(heroes: list[int | str], account: int | None) -> int | None:
    """radiant_account_id_1 as the lean predict path reads the same draft, or ApiError."""
    picks = [PlayerPick(hero_id=h) for h in heroes]
    picks[0] = PlayerPick(hero_id=heroes[0], account_id=account)
    account_id = int(draft_arrays(picks[:5], picks[5:])[1][0, 0])
    return None if account_id == UNKNOWN else account_id


def via_csv(heroes: list[int | str], account: int | None) -> tuple[list[int], int | None]:
    """The same match as one CSV row, or MatchDataError."""
    header = "match_id,radiant_win," + ",".join(HERO_COLUMNS) + ",radiant_account_id_1"
    line = "1,true," + ",".join(str(h) for h in heroes) + f",{'' if account is None else account}"
    row = read_matches(f"{header}\n{line}\n".encode(), require_label=False).row(0, named=True)
    return [row[c] for c in HERO_COLUMNS], row["radiant_account_id_1"]


@pytest.mark.parametrize(
    ("account", "expected"),
    [
        (87278757, 87278757),
        (STEAM64 + 87278757, 87278757),  # SteamID64 is converted in both
        (4294967295, None),  # the anonymous id means "unknown player" in both
        (0, None),  # as does 0 ...
        (-7, None),  # ... and a negative id
        (None, None),
    ],
)
def test_account_ids_get_the_same_value(account: int | None, expected: int | None) -> None:
    assert via_draft(HEROES, account)[1] == expected
    assert via_fast_path(HEROES, account) == expected
    assert via_csv(HEROES, account)[1] == expected


@pytest.mark.parametrize("account", [4294967296, STEAM64 - 1, STEAM64 + 2**32])
def test_account_ids_beyond_32_bits_are_refused_by_both(account: int) -> None:
    with pytest.raises(ApiError) as draft:
        via_draft(HEROES, account)
    assert draft.value.body.status_code == 400 and "account_id" in (draft.value.body.field or "")
    with pytest.raises(ApiError) as fast:
        via_fast_path(HEROES, account)
    assert fast.value.body.message == draft.value.body.message
    with pytest.raises(MatchDataError) as csv:
        via_csv(HEROES, account)
    assert csv.value.column == "radiant_account_id_1"


@pytest.mark.parametrize(
    "heroes",
    [
        ["Anti-Mage", "axe", "npc_dota_hero_bane", 4, 5, 6, 7, 8, 9, 10],
        [1, 2, 3, 4, 5, 6, 7, 8, 9, "Natures Prophet"],
    ],
)
def test_hero_names_resolve_to_the_same_ids(heroes: list[int | str]) -> None:
    assert via_draft(heroes, None)[0] == via_csv(heroes, None)[0]


@pytest.mark.parametrize(
    ("heroes", "column"),
    [
        ([0, 2, 3, 4, 5, 6, 7, 8, 9, 10], "radiant_hero_1"),  # no hero picked
        ([1, 2, 3, 4, 5, 6, 7, 8, 9, 999], "dire_hero_5"),  # past the registry's ids
        ([1, 2, 3, 4, 5, 6, 7, 8, 9, "Not A Hero"], "dire_hero_5"),
        ([1, 2, 3, 4, 5, 6, 7, 8, 9, 1], "dire_hero_5"),  # a hero twice
    ],
)
def test_bad_heroes_are_refused_by_both_naming_the_slot(
    heroes: list[int | str], column: str
) -> None:
    with pytest.raises(ApiError) as draft:
        via_draft(heroes, None)
    assert draft.value.body.field == column
    with pytest.raises(MatchDataError) as csv:
        via_csv(heroes, None)
    assert csv.value.column == column
