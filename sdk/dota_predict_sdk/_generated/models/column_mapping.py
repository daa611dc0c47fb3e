from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.column_mapping_columns import ColumnMappingColumns
    from ..models.column_mapping_labels import ColumnMappingLabels


T = TypeVar("T", bound="ColumnMapping")


@_attrs_define
class ColumnMapping:
    """
    Attributes:
        columns (ColumnMappingColumns):
        labels (ColumnMappingLabels | Unset):
    """

    columns: ColumnMappingColumns
    labels: ColumnMappingLabels | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        columns = self.columns.to_dict()

        labels: dict[str, Any] | Unset = UNSET
        if not isinstance(self.labels, Unset):
            labels = self.labels.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "columns": columns,
            }
        )
        if labels is not UNSET:
            field_dict["labels"] = labels

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.column_mapping_columns import ColumnMappingColumns
        from ..models.column_mapping_labels import ColumnMappingLabels

        d = dict(src_dict)
        columns = ColumnMappingColumns.from_dict(d.pop("columns"))

        _labels = d.pop("labels", UNSET)
        labels: ColumnMappingLabels | Unset
        if isinstance(_labels, Unset):
            labels = UNSET
        else:
            labels = ColumnMappingLabels.from_dict(_labels)

        column_mapping = cls(
            columns=columns,
            labels=labels,
        )

        column_mapping.additional_properties = d
        return column_mapping

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
