from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RocCurve")


@_attrs_define
class RocCurve:
    """
    Attributes:
        fpr (list[float]):
        thresholds (list[float]):
        tpr (list[float]):
    """

    fpr: list[float]
    thresholds: list[float]
    tpr: list[float]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        fpr = self.fpr

        thresholds = self.thresholds

        tpr = self.tpr

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "fpr": fpr,
                "thresholds": thresholds,
                "tpr": tpr,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        fpr = cast(list[float], d.pop("fpr"))

        thresholds = cast(list[float], d.pop("thresholds"))

        tpr = cast(list[float], d.pop("tpr"))

        roc_curve = cls(
            fpr=fpr,
            thresholds=thresholds,
            tpr=tpr,
        )

        roc_curve.additional_properties = d
        return roc_curve

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
