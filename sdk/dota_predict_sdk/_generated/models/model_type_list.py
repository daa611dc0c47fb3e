from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.model_type_read import ModelTypeRead


T = TypeVar("T", bound="ModelTypeList")


@_attrs_define
class ModelTypeList:
    """
    Attributes:
        model_types (list[ModelTypeRead]):
    """

    model_types: list[ModelTypeRead]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model_types = []
        for model_types_item_data in self.model_types:
            model_types_item = model_types_item_data.to_dict()
            model_types.append(model_types_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model_types": model_types,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.model_type_read import ModelTypeRead

        d = dict(src_dict)
        model_types = []
        _model_types = d.pop("model_types")
        for model_types_item_data in _model_types:
            model_types_item = ModelTypeRead.from_dict(model_types_item_data)

            model_types.append(model_types_item)

        model_type_list = cls(
            model_types=model_types,
        )

        model_type_list.additional_properties = d
        return model_type_list

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
