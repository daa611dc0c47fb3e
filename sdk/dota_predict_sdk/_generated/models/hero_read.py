from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="HeroRead")


@_attrs_define
class HeroRead:
    """
    Attributes:
        attack_type (str):
        id (int):
        name (str):
        primary_attr (str):
        roles (list[str]):
        short_name (str):
    """

    attack_type: str
    id: int
    name: str
    primary_attr: str
    roles: list[str]
    short_name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attack_type = self.attack_type

        id = self.id

        name = self.name

        primary_attr = self.primary_attr

        roles = self.roles

        short_name = self.short_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attack_type": attack_type,
                "id": id,
                "name": name,
                "primary_attr": primary_attr,
                "roles": roles,
                "short_name": short_name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        attack_type = d.pop("attack_type")

        id = d.pop("id")

        name = d.pop("name")

        primary_attr = d.pop("primary_attr")

        roles = cast(list[str], d.pop("roles"))

        short_name = d.pop("short_name")

        hero_read = cls(
            attack_type=attack_type,
            id=id,
            name=name,
            primary_attr=primary_attr,
            roles=roles,
            short_name=short_name,
        )

        hero_read.additional_properties = d
        return hero_read

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
