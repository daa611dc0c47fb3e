from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PickSuggestion")


@_attrs_define
class PickSuggestion:
    """
    Attributes:
        delta (float): win_probability - current_probability.
        hero_id (int):
        hero_name (str):
        win_probability (float):
    """

    delta: float
    hero_id: int
    hero_name: str
    win_probability: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        delta = self.delta

        hero_id = self.hero_id

        hero_name = self.hero_name

        win_probability = self.win_probability

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "delta": delta,
                "hero_id": hero_id,
                "hero_name": hero_name,
                "win_probability": win_probability,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        delta = d.pop("delta")

        hero_id = d.pop("hero_id")

        hero_name = d.pop("hero_name")

        win_probability = d.pop("win_probability")

        pick_suggestion = cls(
            delta=delta,
            hero_id=hero_id,
            hero_name=hero_name,
            win_probability=win_probability,
        )

        pick_suggestion.additional_properties = d
        return pick_suggestion

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
