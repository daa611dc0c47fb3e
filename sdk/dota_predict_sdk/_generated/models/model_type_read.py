from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.hyperparameter_read import HyperparameterRead


T = TypeVar("T", bound="ModelTypeRead")


@_attrs_define
class ModelTypeRead:
    """
    Attributes:
        description (str):
        hyperparameters (list[HyperparameterRead]):
        is_default (bool):
        name (str):
        title (str):
    """

    description: str
    hyperparameters: list[HyperparameterRead]
    is_default: bool
    name: str
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        hyperparameters = []
        for hyperparameters_item_data in self.hyperparameters:
            hyperparameters_item = hyperparameters_item_data.to_dict()
            hyperparameters.append(hyperparameters_item)

        is_default = self.is_default

        name = self.name

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "description": description,
                "hyperparameters": hyperparameters,
                "is_default": is_default,
                "name": name,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.hyperparameter_read import HyperparameterRead

        d = dict(src_dict)
        description = d.pop("description")

        hyperparameters = []
        _hyperparameters = d.pop("hyperparameters")
        for hyperparameters_item_data in _hyperparameters:
            hyperparameters_item = HyperparameterRead.from_dict(
                hyperparameters_item_data
            )

            hyperparameters.append(hyperparameters_item)

        is_default = d.pop("is_default")

        name = d.pop("name")

        title = d.pop("title")

        model_type_read = cls(
            description=description,
            hyperparameters=hyperparameters,
            is_default=is_default,
            name=name,
            title=title,
        )

        model_type_read.additional_properties = d
        return model_type_read

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
