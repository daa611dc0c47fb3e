"""The drafts' one validator (backend/api/models/drafts.py): complete drafts for /predict,
partial ones for the draft helper, by the same rules, each 400 naming the field."""

from __future__ import annotations

from typing import Any

import pytest

from backend.api.models.drafts import checked_draft
from backend.api.models.lifecycle_schemas import SuggestPicksRequest
from backend.api.models.schemas import PlayerPick
from backend.api.models.suggest import parse_draft
from backend.errors import ApiError, ErrorBody


def picks(*heroes: Any, accounts: dict[int, int] | None = None) -> list[PlayerPick]:
    return [PlayerPick(hero_id=h, account_id=(accounts or {}).get(i)) for i, h in enumerate(heroes)]


def refused(call: Any) -> ErrorBody:
    """The 400 invalid_draft body the call raises."""
    with pytest.raises(ApiError) as info:
        call()
    body = info.value.body
    assert body.status_code == 400 and body.error == "invalid_draft"
    assert body.field is not None
    return body


def test_ids_and_names_resolve() -> None:
    draft = checked_draft(
        picks(1, "axe", "Bane", "npc_dota_hero_bloodseeker", "5"), picks(6, 7, 8, 9, 10)
    )
    assert draft.heroes == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    assert draft.accounts == [None] * 10


@pytest.mark.parametrize("size", [4, 6])
def test_a_complete_draft_needs_five_per_side(size: int) -> None:
    error = refused(lambda: checked_draft(picks(*range(1, size + 1)), picks(20, 21, 22, 23, 25)))
    assert error.field == "radiant"
    assert error.message == f"radiant must have exactly 5 players; got {size}"


def test_an_unknown_hero_names_its_slot_as_a_files_column() -> None:
    error = refused(lambda: checked_draft(picks(1, 2, 3, 4, 5), picks(6, 7, 999, 9, 10)))
    assert error.field == "dire_hero_3"
    assert error.message.startswith("dire hero 3: hero id 999 does not exist")


def test_the_same_hero_twice_across_sides() -> None:
    error = refused(lambda: checked_draft(picks(1, 2, 3, 4, 5), picks(6, 7, "Anti-Mage", 9, 10)))
    assert error.field == "dire_hero_3"
    assert error.message == (
        "Anti-Mage (id 1) is picked twice, as radiant hero 1 and dire hero 3; "
        "a hero can be picked only once per match"
    )


def test_account_errors_name_the_json_field() -> None:
    error = refused(
        lambda: checked_draft(
            picks(1, 2, 3, 4, 5, accounts={0: 87278757}),
            picks(6, 7, 8, 9, 10, accounts={4: 87278757}),
        )
    )
    assert error.field == "dire[4].account_id" and "plays twice" in error.message


def test_partial_drafts_meet_the_same_rules_and_messages() -> None:
    def partial(radiant: list[PlayerPick], dire: list[PlayerPick], **kw: Any) -> Any:
        return lambda: parse_draft(
            SuggestPicksRequest(side="dire", radiant=radiant, dire=dire, **kw)
        )

    same = refused(partial(picks(1, 2), picks(6, 7, "Anti-Mage")))
    assert (same.field, same.message) == (
        "dire[2].hero_id",
        "Anti-Mage (id 1) is picked twice, as radiant[0] and dire[2]; "
        "a hero can be picked only once per match",
    )
    unknown = refused(partial(picks(1), picks(6, 999)))
    assert unknown.field == "dire[1].hero_id" and "hero id 999 does not exist" in unknown.message
    too_many = refused(partial(picks(1), picks(2, 3, 4, 5, 6)))
    assert (too_many.field, too_many.message) == (
        "dire",
        "dire (the picking side) may have at most 4 picks; got 5",
    )
    other = refused(partial(picks(1, 2, 3, 4, 5, 6), picks()))
    assert other.message == "radiant (the other side) may have at most 5 picks; got 6"
    twice = refused(partial(picks(1, accounts={0: 87278757}), picks(6), account_id=87278757))
    assert twice.field == "account_id" and "plays twice" in twice.message


def test_a_partial_draft_is_read_from_the_picking_side() -> None:
    draft = parse_draft(
        SuggestPicksRequest(
            side="dire",
            radiant=picks(1, "axe", accounts={1: 87278757}),
            dire=picks(6),
            bans=["Bane"],
            account_id=76561197960265728 + 5,  # a SteamID64: the 32-bit id 5
        )
    )
    assert (draft.own, draft.own_accounts) == ([6], [None])
    assert (draft.other, draft.other_accounts) == ([1, 2], [None, 87278757])
    assert draft.banned == {3} and draft.next_account == 5
    banned_pick = refused(
        lambda: parse_draft(SuggestPicksRequest(side="dire", radiant=picks(3), bans=["Bane"]))
    )
    assert (
        banned_pick.field == "bans" and "both picked (radiant[0]) and banned" in banned_pick.message
    )
