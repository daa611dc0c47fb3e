from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.calibration_bin import CalibrationBin


T = TypeVar("T", bound="MonitoringCalibration")


@_attrs_define
class MonitoringCalibration:
    """
    Attributes:
        bins (list[CalibrationBin]):
        n (int):
    """

    bins: list[CalibrationBin]
    n: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bins = []
        for bins_item_data in self.bins:
            bins_item = bins_item_data.to_dict()
            bins.append(bins_item)

        n = self.n

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bins": bins,
                "n": n,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.calibration_bin import CalibrationBin

        d = dict(src_dict)
        bins = []
        _bins = d.pop("bins")
        for bins_item_data in _bins:
            bins_item = CalibrationBin.from_dict(bins_item_data)

            bins.append(bins_item)

        n = d.pop("n")

        monitoring_calibration = cls(
            bins=bins,
            n=n,
        )

        monitoring_calibration.additional_properties = d
        return monitoring_calibration

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
