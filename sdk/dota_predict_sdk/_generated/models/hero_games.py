from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="HeroGames")


@_attrs_define
class HeroGames:
    """
    Attributes:
        games (int):
        hero_id (int):
        name (str):
        win_rate (float | None):
        wins (int):
    """

    games: int
    hero_id: int
    name: str
    win_rate: float | None
    wins: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        games = self.games

        hero_id = self.hero_id

        name = self.name

        win_rate: float | None
        win_rate = self.win_rate

        wins = self.wins

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "games": games,
                "hero_id": hero_id,
                "name": name,
                "win_rate": win_rate,
                "wins": wins,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        games = d.pop("games")

        hero_id = d.pop("hero_id")

        name = d.pop("name")

        def _parse_win_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        win_rate = _parse_win_rate(d.pop("win_rate"))

        wins = d.pop("wins")

        hero_games = cls(
            games=games,
            hero_id=hero_id,
            name=name,
            win_rate=win_rate,
            wins=wins,
        )

        hero_games.additional_properties = d
        return hero_games

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
