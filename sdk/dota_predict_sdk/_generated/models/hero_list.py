from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.hero_read import HeroRead


T = TypeVar("T", bound="HeroList")


@_attrs_define
class HeroList:
    """
    Attributes:
        heroes (list[HeroRead]):
    """

    heroes: list[HeroRead]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        heroes = []
        for heroes_item_data in self.heroes:
            heroes_item = heroes_item_data.to_dict()
            heroes.append(heroes_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "heroes": heroes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.hero_read import HeroRead

        d = dict(src_dict)
        heroes = []
        _heroes = d.pop("heroes")
        for heroes_item_data in _heroes:
            heroes_item = HeroRead.from_dict(heroes_item_data)

            heroes.append(heroes_item)

        hero_list = cls(
            heroes=heroes,
        )

        hero_list.additional_properties = d
        return hero_list

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
