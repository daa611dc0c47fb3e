from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ShadowSet")


@_attrs_define
class ShadowSet:
    """
    Attributes:
        active_model_id (None | str):
        model_ids (list[str]):
        max_shadows (int | Unset):  Default: 3.
    """

    active_model_id: None | str
    model_ids: list[str]
    max_shadows: int | Unset = 3
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active_model_id: None | str
        active_model_id = self.active_model_id

        model_ids = self.model_ids

        max_shadows = self.max_shadows

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "active_model_id": active_model_id,
                "model_ids": model_ids,
            }
        )
        if max_shadows is not UNSET:
            field_dict["max_shadows"] = max_shadows

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_active_model_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        active_model_id = _parse_active_model_id(d.pop("active_model_id"))

        model_ids = cast(list[str], d.pop("model_ids"))

        max_shadows = d.pop("max_shadows", UNSET)

        shadow_set = cls(
            active_model_id=active_model_id,
            model_ids=model_ids,
            max_shadows=max_shadows,
        )

        shadow_set.additional_properties = d
        return shadow_set

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
