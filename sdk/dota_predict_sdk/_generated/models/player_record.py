from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.hero_games import HeroGames


T = TypeVar("T", bound="PlayerRecord")


@_attrs_define
class PlayerRecord:
    """
    Attributes:
        account_id (int):
        dataset_id (str):
        first_start_time (datetime.datetime | None):
        heroes (list[HeroGames]):
        last_start_time (datetime.datetime | None):
        matches (int):
        radiant_share (float | None):
        win_rate (float | None):
        wins (int):
    """

    account_id: int
    dataset_id: str
    first_start_time: datetime.datetime | None
    heroes: list[HeroGames]
    last_start_time: datetime.datetime | None
    matches: int
    radiant_share: float | None
    win_rate: float | None
    wins: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        dataset_id = self.dataset_id

        first_start_time: None | str
        if isinstance(self.first_start_time, datetime.datetime):
            first_start_time = self.first_start_time.isoformat()
        else:
            first_start_time = self.first_start_time

        heroes = []
        for heroes_item_data in self.heroes:
            heroes_item = heroes_item_data.to_dict()
            heroes.append(heroes_item)

        last_start_time: None | str
        if isinstance(self.last_start_time, datetime.datetime):
            last_start_time = self.last_start_time.isoformat()
        else:
            last_start_time = self.last_start_time

        matches = self.matches

        radiant_share: float | None
        radiant_share = self.radiant_share

        win_rate: float | None
        win_rate = self.win_rate

        wins = self.wins

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "dataset_id": dataset_id,
                "first_start_time": first_start_time,
                "heroes": heroes,
                "last_start_time": last_start_time,
                "matches": matches,
                "radiant_share": radiant_share,
                "win_rate": win_rate,
                "wins": wins,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.hero_games import HeroGames

        d = dict(src_dict)
        account_id = d.pop("account_id")

        dataset_id = d.pop("dataset_id")

        def _parse_first_start_time(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                first_start_time_type_0 = datetime.datetime.fromisoformat(data)

                return first_start_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        first_start_time = _parse_first_start_time(d.pop("first_start_time"))

        heroes = []
        _heroes = d.pop("heroes")
        for heroes_item_data in _heroes:
            heroes_item = HeroGames.from_dict(heroes_item_data)

            heroes.append(heroes_item)

        def _parse_last_start_time(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_start_time_type_0 = datetime.datetime.fromisoformat(data)

                return last_start_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_start_time = _parse_last_start_time(d.pop("last_start_time"))

        matches = d.pop("matches")

        def _parse_radiant_share(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        radiant_share = _parse_radiant_share(d.pop("radiant_share"))

        def _parse_win_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        win_rate = _parse_win_rate(d.pop("win_rate"))

        wins = d.pop("wins")

        player_record = cls(
            account_id=account_id,
            dataset_id=dataset_id,
            first_start_time=first_start_time,
            heroes=heroes,
            last_start_time=last_start_time,
            matches=matches,
            radiant_share=radiant_share,
            win_rate=win_rate,
            wins=wins,
        )

        player_record.additional_properties = d
        return player_record

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
