from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MonthCount")


@_attrs_define
class MonthCount:
    """
    Attributes:
        matches (int):
        month (str): YYYY-MM (UTC).
        radiant_win_rate (float | None):
    """

    matches: int
    month: str
    radiant_win_rate: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        matches = self.matches

        month = self.month

        radiant_win_rate: float | None
        radiant_win_rate = self.radiant_win_rate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "matches": matches,
                "month": month,
                "radiant_win_rate": radiant_win_rate,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        matches = d.pop("matches")

        month = d.pop("month")

        def _parse_radiant_win_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        radiant_win_rate = _parse_radiant_win_rate(d.pop("radiant_win_rate"))

        month_count = cls(
            matches=matches,
            month=month,
            radiant_win_rate=radiant_win_rate,
        )

        month_count.additional_properties = d
        return month_count

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
