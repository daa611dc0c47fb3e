from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="HeroStat")


@_attrs_define
class HeroStat:
    """
    Attributes:
        hero_id (int):
        name (str):
        pick_rate (float): Share of matches with this hero.
        picks (int):
        radiant_picks (int):
        win_rate (float | None):
        wins (int):
    """

    hero_id: int
    name: str
    pick_rate: float
    picks: int
    radiant_picks: int
    win_rate: float | None
    wins: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        hero_id = self.hero_id

        name = self.name

        pick_rate = self.pick_rate

        picks = self.picks

        radiant_picks = self.radiant_picks

        win_rate: float | None
        win_rate = self.win_rate

        wins = self.wins

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "hero_id": hero_id,
                "name": name,
                "pick_rate": pick_rate,
                "picks": picks,
                "radiant_picks": radiant_picks,
                "win_rate": win_rate,
                "wins": wins,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        hero_id = d.pop("hero_id")

        name = d.pop("name")

        pick_rate = d.pop("pick_rate")

        picks = d.pop("picks")

        radiant_picks = d.pop("radiant_picks")

        def _parse_win_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        win_rate = _parse_win_rate(d.pop("win_rate"))

        wins = d.pop("wins")

        hero_stat = cls(
            hero_id=hero_id,
            name=name,
            pick_rate=pick_rate,
            picks=picks,
            radiant_picks=radiant_picks,
            win_rate=win_rate,
            wins=wins,
        )

        hero_stat.additional_properties = d
        return hero_stat

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
