from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="HeroPairStat")


@_attrs_define
class HeroPairStat:
    """
    Attributes:
        games (int):
        hero (str):
        hero_id (int):
        lower_bound (float): Lower end of the 95 % Wilson interval.
        other_hero (str):
        other_hero_id (int):
        win_rate (float):
    """

    games: int
    hero: str
    hero_id: int
    lower_bound: float
    other_hero: str
    other_hero_id: int
    win_rate: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        games = self.games

        hero = self.hero

        hero_id = self.hero_id

        lower_bound = self.lower_bound

        other_hero = self.other_hero

        other_hero_id = self.other_hero_id

        win_rate = self.win_rate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "games": games,
                "hero": hero,
                "hero_id": hero_id,
                "lower_bound": lower_bound,
                "other_hero": other_hero,
                "other_hero_id": other_hero_id,
                "win_rate": win_rate,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        games = d.pop("games")

        hero = d.pop("hero")

        hero_id = d.pop("hero_id")

        lower_bound = d.pop("lower_bound")

        other_hero = d.pop("other_hero")

        other_hero_id = d.pop("other_hero_id")

        win_rate = d.pop("win_rate")

        hero_pair_stat = cls(
            games=games,
            hero=hero,
            hero_id=hero_id,
            lower_bound=lower_bound,
            other_hero=other_hero,
            other_hero_id=other_hero_id,
            win_rate=win_rate,
        )

        hero_pair_stat.additional_properties = d
        return hero_pair_stat

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
