"""Hero registry: lookups by id and every spelling, and helpful errors."""

from __future__ import annotations

import pytest

from backend.matches import MatchDataError, hero_registry


def test_registry_matches_dotaconstants() -> None:
    registry = hero_registry()
    assert len(registry.heroes) == 127
    assert registry.max_id == 155
    assert [h.id for h in registry.heroes] == sorted(h.id for h in registry.heroes)
    anti_mage = registry.heroes[0]
    assert (anti_mage.id, anti_mage.name, anti_mage.short_name) == (1, "Anti-Mage", "antimage")
    assert anti_mage.primary_attr == "agi" and anti_mage.attack_type == "Melee"
    assert isinstance(anti_mage.roles, tuple) and "Carry" in anti_mage.roles


@pytest.mark.parametrize(
    "value",
    [
        1,
        "1",
        " 1 ",
        "1.0",
        "Anti-Mage",
        "anti-mage",
        " ANTIMAGE ",
        "npc_dota_hero_antimage",
        "Anti Mage",
    ],
)
def test_resolve_spellings(value: int | str) -> None:
    assert hero_registry().resolve(value) == 1


def test_resolve_names_that_differ_from_internal_names() -> None:
    registry = hero_registry()
    assert registry.resolve("Nature's Prophet") == registry.resolve("furion") == 53
    assert registry.resolve("Natures Prophet") == 53
    assert registry.resolve("npc_dota_hero_skeleton_king") == registry.resolve("Wraith King") == 42
    assert registry.name(53) == "Nature's Prophet"


def test_unknown_id_message() -> None:
    with pytest.raises(MatchDataError) as info:
        hero_registry().resolve(999)
    assert str(info.value) == (
        "hero id 999 does not exist; valid ids are 1..155 (127 heroes), see GET /api/v1/heroes"
    )


@pytest.mark.parametrize("value", [0, "0", 24, -1])
def test_missing_ids_rejected(value: int | str) -> None:
    with pytest.raises(MatchDataError, match="hero id"):
        hero_registry().resolve(value)


def test_unknown_name_suggests_closest() -> None:
    with pytest.raises(MatchDataError) as info:
        hero_registry().resolve("Anti-Magee", where="radiant hero 2")
    message = str(info.value)
    assert message.startswith("radiant hero 2: unknown hero name 'Anti-Magee'")
    assert "Did you mean 'Anti-Mage'?" in message


@pytest.mark.parametrize("value", ["", "   ", True])
def test_empty_or_bool_rejected(value: str | bool) -> None:
    with pytest.raises(MatchDataError):
        hero_registry().resolve(value)


def test_name_of_unknown_id_raises() -> None:
    with pytest.raises(MatchDataError):
        hero_registry().name(999)
