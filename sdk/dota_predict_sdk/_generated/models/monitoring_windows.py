from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.window_metrics import WindowMetrics


T = TypeVar("T", bound="MonitoringWindows")


@_attrs_define
class MonitoringWindows:
    """
    Attributes:
        all_ (WindowMetrics):
        last_100 (WindowMetrics):
        last_500 (WindowMetrics):
    """

    all_: WindowMetrics
    last_100: WindowMetrics
    last_500: WindowMetrics
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        all_ = self.all_.to_dict()

        last_100 = self.last_100.to_dict()

        last_500 = self.last_500.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "all": all_,
                "last_100": last_100,
                "last_500": last_500,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.window_metrics import WindowMetrics

        d = dict(src_dict)
        all_ = WindowMetrics.from_dict(d.pop("all"))

        last_100 = WindowMetrics.from_dict(d.pop("last_100"))

        last_500 = WindowMetrics.from_dict(d.pop("last_500"))

        monitoring_windows = cls(
            all_=all_,
            last_100=last_100,
            last_500=last_500,
        )

        monitoring_windows.additional_properties = d
        return monitoring_windows

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
