"""validate_draft: one 5-versus-5 draft from the prediction endpoint."""

from __future__ import annotations

import pytest

from backend.matches import MatchDataError, validate_draft


def test_ids_and_names_resolve() -> None:
    radiant, dire = validate_draft(
        [1, "axe", "Bane", "npc_dota_hero_bloodseeker", "5"], [6, 7, 8, 9, 10]
    )
    assert radiant == [1, 2, 3, 4, 5]
    assert dire == [6, 7, 8, 9, 10]


@pytest.mark.parametrize("size", [4, 6])
def test_wrong_side_size(size: int) -> None:
    with pytest.raises(MatchDataError) as info:
        validate_draft(list(range(1, size + 1)), [20, 21, 22, 23, 25])
    assert f"radiant has {size} heroes" in str(info.value)
    assert info.value.column == "radiant"


def test_string_instead_of_list() -> None:
    with pytest.raises(MatchDataError, match="dire has a string"):
        validate_draft([1, 2, 3, 4, 5], "abcde")


def test_unknown_hero_names_position() -> None:
    with pytest.raises(MatchDataError) as info:
        validate_draft([1, 2, 3, 4, 5], [6, 7, 999, 9, 10])
    assert str(info.value).startswith("dire hero 3: hero id 999 does not exist")
    assert info.value.to_dict() == {"message": str(info.value), "column": "dire_hero_3"}


def test_same_hero_twice_across_sides() -> None:
    with pytest.raises(MatchDataError) as info:
        validate_draft([1, 2, 3, 4, 5], [6, 7, "Anti-Mage", 9, 10])
    assert str(info.value).startswith(
        "Anti-Mage (id 1) is picked twice, as radiant hero 1 and dire hero 3"
    )
    assert info.value.column == "dire_hero_3"
