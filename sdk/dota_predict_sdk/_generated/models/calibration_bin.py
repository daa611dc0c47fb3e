from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CalibrationBin")


@_attrs_define
class CalibrationBin:
    """
    Attributes:
        count (int):
        lower (float):
        mean_predicted (float | None):
        observed_rate (float | None):
        upper (float):
    """

    count: int
    lower: float
    mean_predicted: float | None
    observed_rate: float | None
    upper: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        lower = self.lower

        mean_predicted: float | None
        mean_predicted = self.mean_predicted

        observed_rate: float | None
        observed_rate = self.observed_rate

        upper = self.upper

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "lower": lower,
                "mean_predicted": mean_predicted,
                "observed_rate": observed_rate,
                "upper": upper,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        count = d.pop("count")

        lower = d.pop("lower")

        def _parse_mean_predicted(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        mean_predicted = _parse_mean_predicted(d.pop("mean_predicted"))

        def _parse_observed_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        observed_rate = _parse_observed_rate(d.pop("observed_rate"))

        upper = d.pop("upper")

        calibration_bin = cls(
            count=count,
            lower=lower,
            mean_predicted=mean_predicted,
            observed_rate=observed_rate,
            upper=upper,
        )

        calibration_bin.additional_properties = d
        return calibration_bin

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
