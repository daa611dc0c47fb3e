from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.hero_pair_stat import HeroPairStat


T = TypeVar("T", bound="HeroPairs")


@_attrs_define
class HeroPairs:
    """
    Attributes:
        against (list[list[float | None]]): Win rate of the row hero against the column hero (null: too few games).
        dataset_id (str):
        hero_ids (list[int]):
        hero_names (list[str]):
        min_games (int):
        strongest_counters (list[HeroPairStat]):
        strongest_pairs (list[HeroPairStat]):
        together (list[list[float | None]]): Win rate of row and column hero on the same team (null: too few games).
    """

    against: list[list[float | None]]
    dataset_id: str
    hero_ids: list[int]
    hero_names: list[str]
    min_games: int
    strongest_counters: list[HeroPairStat]
    strongest_pairs: list[HeroPairStat]
    together: list[list[float | None]]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        against = []
        for against_item_data in self.against:
            against_item = []
            for against_item_item_data in against_item_data:
                against_item_item: float | None
                against_item_item = against_item_item_data
                against_item.append(against_item_item)

            against.append(against_item)

        dataset_id = self.dataset_id

        hero_ids = self.hero_ids

        hero_names = self.hero_names

        min_games = self.min_games

        strongest_counters = []
        for strongest_counters_item_data in self.strongest_counters:
            strongest_counters_item = strongest_counters_item_data.to_dict()
            strongest_counters.append(strongest_counters_item)

        strongest_pairs = []
        for strongest_pairs_item_data in self.strongest_pairs:
            strongest_pairs_item = strongest_pairs_item_data.to_dict()
            strongest_pairs.append(strongest_pairs_item)

        together = []
        for together_item_data in self.together:
            together_item = []
            for together_item_item_data in together_item_data:
                together_item_item: float | None
                together_item_item = together_item_item_data
                together_item.append(together_item_item)

            together.append(together_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "against": against,
                "dataset_id": dataset_id,
                "hero_ids": hero_ids,
                "hero_names": hero_names,
                "min_games": min_games,
                "strongest_counters": strongest_counters,
                "strongest_pairs": strongest_pairs,
                "together": together,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.hero_pair_stat import HeroPairStat

        d = dict(src_dict)
        against = []
        _against = d.pop("against")
        for against_item_data in _against:
            against_item = []
            _against_item = against_item_data
            for against_item_item_data in _against_item:

                def _parse_against_item_item(data: object) -> float | None:
                    if data is None:
                        return data
                    return cast(float | None, data)

                against_item_item = _parse_against_item_item(against_item_item_data)

                against_item.append(against_item_item)

            against.append(against_item)

        dataset_id = d.pop("dataset_id")

        hero_ids = cast(list[int], d.pop("hero_ids"))

        hero_names = cast(list[str], d.pop("hero_names"))

        min_games = d.pop("min_games")

        strongest_counters = []
        _strongest_counters = d.pop("strongest_counters")
        for strongest_counters_item_data in _strongest_counters:
            strongest_counters_item = HeroPairStat.from_dict(
                strongest_counters_item_data
            )

            strongest_counters.append(strongest_counters_item)

        strongest_pairs = []
        _strongest_pairs = d.pop("strongest_pairs")
        for strongest_pairs_item_data in _strongest_pairs:
            strongest_pairs_item = HeroPairStat.from_dict(strongest_pairs_item_data)

            strongest_pairs.append(strongest_pairs_item)

        together = []
        _together = d.pop("together")
        for together_item_data in _together:
            together_item = []
            _together_item = together_item_data
            for together_item_item_data in _together_item:

                def _parse_together_item_item(data: object) -> float | None:
                    if data is None:
                        return data
                    return cast(float | None, data)

                together_item_item = _parse_together_item_item(together_item_item_data)

                together_item.append(together_item_item)

            together.append(together_item)

        hero_pairs = cls(
            against=against,
            dataset_id=dataset_id,
            hero_ids=hero_ids,
            hero_names=hero_names,
            min_games=min_games,
            strongest_counters=strongest_counters,
            strongest_pairs=strongest_pairs,
            together=together,
        )

        hero_pairs.additional_properties = d
        return hero_pairs

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
